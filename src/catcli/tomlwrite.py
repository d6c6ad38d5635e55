"""Writing a catalog as TOML that people can read and edit.

tomli only reads TOML; the catalog's shape is small and fixed, so a writer
for exactly that shape is simpler than another dependency.
"""

from __future__ import annotations

from collections.abc import Iterable

from catcli.catalog import Catalog, PartnerType, Region, Service

HEADER = """\
# catcli catalog: TikTok Shop Partner Center service categories.
#
# One [[types]] per partner type, one [[regions]] per registration region,
# one [[services]] per row of the Partner Center tables. Services name types
# by id and regions by exact name; aliases only help people type them.
# Edit freely, then check with: catcli validate catalog.toml
"""

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def string(value: str, *, multiline: bool = False) -> str:
    """A TOML basic string; multi-line when it holds line breaks, for readability."""
    out = []
    for char in value:
        if multiline and char == "\n":
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    body = "".join(out)
    if multiline and "\n" in value:
        return f'"""\n{body}"""'
    return f'"{body}"'


def array(values: Iterable[str]) -> str:
    return "[" + ", ".join(string(v) for v in values) + "]"


def _type(partner: PartnerType) -> str:
    return (
        f"\n[[types]]\nid = {string(partner.id)}\nname = {string(partner.name)}\n"
        f"aliases = {array(partner.aliases)}\n"
    )


def _region(region: Region) -> str:
    countries = "".join(
        f"  {{ code = {string(c.code)}, name = {string(c.name)} }},\n" for c in region.countries
    )
    return (
        f"\n[[regions]]\nname = {string(region.name)}\naliases = {array(region.aliases)}\n"
        f"countries = [\n{countries}]\n"
    )


def _service(service: Service) -> str:
    return (
        "\n[[services]]\n"
        f"type = {string(service.type)}\n"
        f"registration_region = {string(service.registration_region)}\n"
        f"target_markets = {array(service.target_markets)}\n"
        f"main_category = {string(service.main_category)}\n"
        f"service_category = {string(service.service_category)}\n"
        f"definition = {string(service.definition, multiline=True)}\n"
    )


def dumps(catalog: Catalog) -> str:
    return "".join(
        [
            HEADER,
            *map(_type, catalog.types),
            *map(_region, catalog.regions),
            *map(_service, catalog.services),
        ]
    )
