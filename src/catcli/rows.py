"""Checking the [[services]] rows, with rules derived from the facts declared on ``model.Service``.

A required field must be there; sequences are non-empty arrays of strings;
strings are non-empty and trimmed; a field that references types or regions
must name known ones; free text is checked for page residue and invisible
characters. Well-formed rows take a fast path of a few lookups; a row it
refuses goes to the slow path, which names every problem. The two must agree
on what is well-formed: tests/test_rows.py proves it on arbitrary rows.
"""

from collections.abc import Mapping
from typing import Any

from catcli.model import FIELDS, SERVICE_FIELDS, Section, Service
from catcli.problems import (
    RESIDUE_MARKERS,
    Checker,
    entry_name,
    oversized,
    string,
    strings,
    tables,
    text_problems,
    unknown_keys,
)
from catcli.text import has_unsafe

Known = Mapping[Section, set[str]]  # the type ids and region names a service may name


def check_services(value: Any, known: Known, checker: Checker) -> list[Service]:
    services: list[Service] = []
    indices: list[int] = []  # each accepted service's place in the file, for messages
    seen: dict[tuple[object, ...], int] = {}
    for index, table in tables(value, "services", checker):
        service = fast_service(table, known)
        if service is None:
            service = slow_service(index, table, known, checker)
            if service is None:
                continue
        identity = service.identity()
        if identity in seen:
            _service_problem(
                checker, index, f"duplicates services[{seen[identity]}] (same type, regions and categories)"
            )
            continue
        seen[identity] = index
        services.append(service)
        indices.append(index)
    _check_text(services, indices, checker)
    return services


# The fast path's plan, derived from the declaration: per field, its name and facts.
_PLAN = tuple((f.name, f.many, f.refers, f.required) for f in FIELDS)
_TEXT = tuple(f.name for f in FIELDS if f.text)


def fast_service(table: Mapping[str, Any], known: Known) -> Service | None:
    """A well-formed row in a few lookups; None sends it to the slow path to be explained.

    Well-formed: no undeclared key and every required one; strings non-empty,
    trimmed, without doubled spaces; lists non-empty lists of such strings;
    references known.
    """
    values: list[Any] = []
    try:
        for name, many, refers, required in _PLAN:
            value = table.get(name)
            if value is None:
                if required:
                    return None
            elif many:
                if type(value) is not list or not value or not all(_clean(v) for v in value):
                    return None
                if refers is not None and not known[refers].issuperset(value):
                    return None
                value = tuple(value)
            elif not _clean(value) or (refers is not None and value not in known[refers]):
                return None
            values.append(value)
    except TypeError:  # an unhashable item among a list's values
        return None
    if len(table) != len(values) - values.count(None):  # a key the declaration does not have
        return None
    return Service._make(values)


def _clean(value: object) -> bool:
    return type(value) is str and bool(value) and value == value.strip() and "  " not in value


def slow_service(index: int, table: Mapping[str, Any], known: Known, checker: Checker) -> Service | None:
    """Name every problem of a row the fast path refused."""
    before = len(checker.problems)
    entry = entry_name("services", index)
    unknown_keys(table, SERVICE_FIELDS, entry, checker)
    values: dict[str, Any] = {}
    for name, many, _refers, required in _PLAN:
        if name not in table and not required:
            values[name] = None
        elif many:
            values[name] = strings(table, name, entry, checker, required=True)
        else:
            values[name] = string(table, name, entry, checker)
    if len(checker.problems) != before:
        return None
    for name, many, refers, _required in _PLAN:
        for value in _each(values[name], many):
            if refers is not None and value not in known[refers]:
                _service_problem(
                    checker, index, f"{name}: {_unknown_reference(refers, value, known[refers])}"
                )
            if value != value.strip():
                _service_problem(checker, index, f"{name} has leading or trailing whitespace")
            elif "  " in value:
                _service_problem(checker, index, f"{name} holds doubled spaces")
    if len(checker.problems) != before:
        for name in _TEXT:  # a refused row's text is checked here: validate lists every problem
            for value in _each(values[name], False):
                for message in text_problems(name, value):
                    _service_problem(checker, index, message)
        return None
    return Service(**values)


def _each(value: Any, many: bool) -> tuple[str, ...]:
    """A field's values: none for an optional field left out, one for a string, a list's items."""
    if value is None:
        return ()
    return tuple(value) if many else (value,)


def _unknown_reference(section: Section, value: str, known: set[str]) -> str:
    if section == "types":
        return f"unknown type {value!r} (known: {', '.join(sorted(known))})"
    return f"unknown region {value!r} (use a region's exact name)"


def _check_text(services: list[Service], indices: list[int], checker: Checker) -> None:
    """Page residue, invisible characters and oversized values in the text fields.

    One cheap scan first; rows are looked at only when it finds something. A
    file without a backslash has no escapes, so every string in it is a
    verbatim piece of the file: the file itself can be scanned.
    """
    raw = checker.text
    if raw and "\\" not in raw:
        text = raw
    else:
        text = "\n".join([v for s in services for name in _TEXT if (v := getattr(s, name)) is not None])
    residue = any(marker in text for marker in RESIDUE_MARKERS)
    values = (v for s in services for name in _TEXT if (v := getattr(s, name)) is not None)
    if not residue and not has_unsafe(text) and not any(map(oversized, values)):
        return
    for index, service in zip(indices, services, strict=True):
        for name in _TEXT:
            for value in _each(getattr(service, name), False):
                for message in text_problems(name, value):
                    _service_problem(checker, index, message)


def _service_problem(checker: Checker, index: int, message: str) -> None:
    checker.add(entry_name("services", index), message)
