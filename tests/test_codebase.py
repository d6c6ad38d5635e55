"""Rules of the codebase that a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "catcli"
MAX_BODY = 40


def _functions() -> list[tuple[str, int]]:
    """(place, body length in lines, docstring included) of every function in src/."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno
                found.append((f"{path.relative_to(SOURCE)}:{node.lineno} {node.name}", body[1] - body[0] + 1))
    return found


def test_no_function_body_is_over_40_lines() -> None:
    long = [f"{place} ({lines} lines)" for place, lines in _functions() if lines > MAX_BODY]
    assert long == []


def test_the_checker_sees_functions() -> None:
    assert len(_functions()) > 100
