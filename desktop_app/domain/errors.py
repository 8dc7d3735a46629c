"""Validation errors that name the field (``risks[3].probability``) and say what is wrong."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from desktop_app.i18n import ngettext

# Control characters, line and paragraph separators, halves of surrogate pairs.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with what cannot be shown on one line written as an escape (``\\n``,
    ``\\x1b``, ``\\ud800``): a path built from a JSON key the user typed stays one line and
    cannot steer a terminal."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class FieldError(ValueError):
    """One refused value: where it is and a sentence a consultant understands."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(printable(f"{path}: {message}" if path else message))
        self.path = path
        self.message = message


class ValidationError(ValueError):
    """Everything wrong with one input, in document order; ``str()`` leads with the first."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        if not errors:
            raise ValueError("a ValidationError needs at least one FieldError")
        self.errors: tuple[FieldError, ...] = tuple(errors)
        first = str(self.errors[0])
        more = len(self.errors) - 1
        super().__init__(with_more(first, more))

    @property
    def first(self) -> FieldError:
        return self.errors[0]


def with_more(problem: str, more: int) -> str:
    """``problem`` and how many more there are: "… (and 2 more problems)"."""
    if not more:
        return problem
    return ngettext(
        "{problem} (and {count} more problem)", "{problem} (and {count} more problems)", more
    ).format(problem=problem, count=more)


def raise_if_any(errors: Iterable[FieldError]) -> None:
    collected = list(errors)
    if collected:
        raise ValidationError(collected)


def join_path(base: str, key: str | int) -> str:
    """``join_path("risks", 3) == "risks[3]"``; ``join_path("risks[3]", "name") == ...name``."""
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key
