"""README's "What Leverage guarantees": every promise names a test, and that test exists."""

from __future__ import annotations

import ast
import re

from tests.store.casefile_support import REPO

NAMED_TEST = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def _section(text: str, title: str) -> str:
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_every_guarantee_is_backed_by_a_test_that_exists() -> None:
    section = _section((REPO / "README.md").read_text(encoding="utf-8"), "What Leverage guarantees")
    promises = [p for p in re.split(r"\n- ", section)[1:] if p.strip()]
    assert len(promises) >= 10
    for promise in promises:
        named = NAMED_TEST.findall(promise)
        assert named, f"a promise without a test: {promise!r}"
        for path, name in named:
            tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
            functions = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
            assert name in functions, f"{path}::{name} does not exist"
