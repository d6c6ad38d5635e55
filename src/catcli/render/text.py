"""The plain-text forms people read: check's sentence, validate's problems, info's facts, diff's report.

Each is made from the command's record (catcli.records), so its JSON and its
text cannot disagree. Nothing here prints: catcli.render.output does, after
escaping whatever a catalog put in the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from catcli.location import ENV_VAR
from catcli.render.sheet import category
from catcli.text import name_key

if TYPE_CHECKING:  # types only: a lookup loads neither diff's modules nor every record's
    from catcli.diff import CatalogDiff
    from catcli.model import CatalogData, Country
    from catcli.records import Answer, Info, ProblemRecord, RegionChanges, TypeChanges

_WHY = {
    "flag": "named by --catalog",
    "environment": f"named by ${ENV_VAR}",
    "user": "your imported catalog (catcli import; undo with: catcli import --reset)",
    "bundled": "bundled with catcli",
}


def sentence(answer: Answer, type_name: str) -> str:
    """'yes: …' with the definition (or a main category's service categories), or 'no: …' and why.

    The partner type goes by TYPE_NAME, as list's title calls it ('MCN/CAP partners').
    """
    target = f" targeting {answer.target_market}" if answer.target_market else ""
    who = f"{partners(type_name)} registered in {answer.registration_region}{target}"
    rows = answer.services or answer.alternatives
    asked = name_key(answer.service)
    named = [r for r in rows if name_key(r.service_category) == asked]
    # a service category (perhaps also a main category elsewhere), or a main category as a whole
    what = category(named[0]) if named else f"{rows[0].main_category} (main category)"
    if not answer.eligible:
        return f"no: {who} may not offer {what}; {answer.reason}\n"
    if named:
        return f"yes: {who} may offer {what}: {' '.join(named[0].definition.split())}\n"
    categories = ", ".join(dict.fromkeys(r.service_category for r in rows))
    return f"yes: {who} may offer {what}, as service categories {categories}\n"


def partners(type_name: str) -> str:
    """'TikTok Shop Partners', 'MCN/CAP partners': a type's name as the subject of a sentence."""
    return f"{type_name}s" if type_name.lower().endswith("partner") else f"{type_name} partners"


def validation(file: str, catalog: CatalogData | None, found: Sequence[ProblemRecord]) -> str:
    """'FILE: valid (counts)', or one line per problem, 'file:line:column: entry: message'."""
    if catalog is None or found:
        return problems(found)
    counts = f"{len(catalog.types)} types, {len(catalog.regions)} regions, {len(catalog.services)} services"
    return f"{file}: valid ({counts})\n"


def problems(found: Sequence[ProblemRecord]) -> str:
    """One line per problem, 'file:line:column: entry: message', as compilers print them."""
    return "".join(f"{_position(p)} {p.entry + ': ' if p.entry else ''}{p.message}\n" for p in found)


def _position(problem: ProblemRecord) -> str:
    return ":".join([problem.file, *(str(n) for n in (problem.line, problem.column) if n)]) + ":"


def info(record: Info) -> str:
    """Aligned 'label: value' lines for people; scripts read --json."""
    by_type = ", ".join(f"{t} {n}" for t, n in record.services_by_type.items())
    edition = record.edition or "(not recorded)"
    lines = [
        f"catalog:  {record.catalog_path}",
        f"          {_WHY.get(record.chosen_by, record.chosen_by)}",
        f"source:   {record.source or '(not recorded)'}",
        f"edition:  {edition}" + (f", imported {record.imported}" if record.imported else ""),
        f"services: {record.services} ({by_type}), {record.regions} regions",
        "lookup:   1. --catalog PATH",
        f"          2. ${ENV_VAR}",
        f"          3. {record.user_catalog_path or 'the user catalog (no home directory)'}",
        "          4. the bundled catalog",
        f"catcli:   {record.catcli_version}",
    ]
    if record.newer_bundled_edition:
        note = f"note:     catcli bundles a newer edition ({record.bundled_edition})"
        if record.chosen_by == "user":
            note += "; use it with: catcli import --reset"
        lines.append(note)
    return "\n".join(lines) + "\n"


def diff(report: CatalogDiff) -> str:
    """The [catalog] table's changes, then the types' and regions', then services grouped by type
    and region, in catalog order: '+' added, '-' removed, '~' changed."""
    from catcli.records import edition_changes  # only diff's report: see the imports above

    if not report:
        return "no differences\n"
    groups: dict[tuple[str, str], list[str]] = {pair: [] for pair in report.groups}
    for sign, services in (("+", report.added), ("-", report.removed)):
        for service in services:
            group = groups.setdefault((service.type, service.registration_region), [])
            group.append(f"  {sign} {service.main_category} › {service.service_category}")
    for item in report.changed:
        lines = groups.setdefault((item.type, item.registration_region), [])
        lines.append(f"  ~ {item.main_category} › {item.service_category}")
        for change in item.changes:
            lines += [
                f"      {change.field}:",
                f"        - {_show(change.old)}",
                f"        + {_show(change.new)}",
            ]
    out = [
        f"catalog {name}: {before or '(none)'} -> {after or '(none)'}"
        for name, before, after in edition_changes(report.edition)
    ]
    out += _type_lines(report.types) + _region_lines(report.regions)
    for (partner, region), lines in groups.items():
        out.append(f"{partner} · {region}")
        out.extend(lines)
    out.append(diff_summary(report))
    return "\n".join(out) + "\n"


def _type_lines(types: TypeChanges) -> list[str]:
    """'+ type agency (Agency Partner)', '~ type tsp name: Old -> New', '~ type tsp aliases: - TSP'."""
    lines = [
        f"{sign} type {t.id} ({t.name})"
        for sign, group in (("+", types.added), ("-", types.removed))
        for t in group
    ]
    for item in types.changed:
        if item.renamed is not None:
            lines.append(f"~ type {item.id} name: {item.renamed.old} -> {item.renamed.new}")
        if item.aliases_added or item.aliases_removed:
            lines.append(f"~ type {item.id} aliases: {_signed(item.aliases_added, item.aliases_removed)}")
    return lines


def _region_lines(regions: RegionChanges) -> list[str]:
    """'+ region Nordics (Sweden)', '~ region EU countries: - Ireland (IE)', '~ region EU aliases: + Eire'."""
    lines = [
        f"{sign} region {r.name} ({', '.join(c.name for c in r.countries)})"
        for sign, group in (("+", regions.added), ("-", regions.removed))
        for r in group
    ]
    for item in regions.changed:
        if item.countries_added or item.countries_removed:
            joined = [_country(c) for c in item.countries_added]
            left = [_country(c) for c in item.countries_removed]
            lines.append(f"~ region {item.name} countries: {_signed(joined, left)}")
        if item.aliases_added or item.aliases_removed:
            lines.append(f"~ region {item.name} aliases: {_signed(item.aliases_added, item.aliases_removed)}")
    return lines


def _signed(added: Sequence[str], removed: Sequence[str]) -> str:
    return ", ".join([*(f"+ {a}" for a in added), *(f"- {r}" for r in removed)])


def _country(country: Country) -> str:
    return f"{country.name} ({country.code})"


def diff_summary(report: CatalogDiff) -> str:
    """'1 added, 0 removed, 1 changed', or 'no differences': the report's headline; the types
    and regions touched follow when there are any ('; regions changed: EU')."""
    if not report:
        return "no differences"
    counts = f"{len(report.added)} added, {len(report.removed)} removed, {len(report.changed)} changed"
    return "; ".join([counts, *entries_changed(report)])


def entries_changed(report: CatalogDiff) -> list[str]:
    """'types changed: tsp', 'regions changed: EU, Japan': each type and region added, removed
    or changed; for diff's headline and import's summary."""
    types = [t.id for group in report.types for t in group]
    regions = [r.name for group in report.regions for r in group]
    return [
        f"{kind} changed: {', '.join(names)}"
        for kind, names in (("types", types), ("regions", regions))
        if names
    ]


def _show(value: str | list[str] | None) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return (value or "").replace("\n", "\n          ")
