"""A pseudo-language that shows which text went through the catalogue (SPEC §12's check).

``speak_pseudo()`` makes every marked string come out wrapped in ``⟪…⟫``; ``unmarked_words``
then removes the wrapped text and the case's own words (names, notes: data, not ours to
translate) from an output and returns the English words left — each one a string that never
went through ``_``. Run on the text report, the documents and the app's tabs, it finds what a
German consultant would still meet in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from babel.dates import get_month_names

from desktop_app.i18n import install

OPEN, CLOSE = "⟪", "⟫"
#: A word: letters of any script (so "Jürgen" is one word, "Dual-source" two).
WORD = re.compile(r"[^\W\d_]+")


class _Pseudo:
    """Wraps every message; remembers each one the German catalogue does not hold (a label
    put together in code, which no translator ever saw)."""

    def __init__(self) -> None:
        self.unknown: set[str] = set()
        self._known = _catalogue_ids()

    def gettext(self, message: str, /) -> str:
        if message and message not in self._known:
            self.unknown.add(message)
        return f"{OPEN}{message}{CLOSE}" if message else message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return self.gettext(singular if n == 1 else plural)


@cache
def _catalogue_ids() -> frozenset[str]:
    from desktop_app.i18n.catalogues import read

    ids: set[str] = set()
    for message in read("de"):
        ids.update([message.id] if isinstance(message.id, str) else message.id)
    return frozenset(ids)


_speaking: list[_Pseudo] = []


def speak_pseudo() -> None:
    _speaking[:] = [_Pseudo()]
    install("de", _speaking[0])


def unknown_messages() -> set[str]:
    """The messages asked for since ``speak_pseudo`` that the catalogue does not hold."""
    return set(_speaking[0].unknown) if _speaking else set()


def strip_marked(text: str) -> str:
    """``text`` without every ⟪…⟫ (nested ones too)."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char == OPEN:
            depth += 1
        elif char == CLOSE:
            depth = max(0, depth - 1)
            out.append(" ")
        elif depth == 0:
            out.append(char)
    return "".join(out)


def case_words(case: Any) -> set[str]:
    """Every word of every text in ``case`` (its data, translated by nobody)."""
    words: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            words.update(WORD.findall(value))
        elif is_dataclass(value) and not isinstance(value, type):
            for field in fields(value):
                walk(getattr(value, field.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(case)
    return words


#: Words that are the same in German text (codes, units, abbreviations the glossary keeps).
NEUTRAL = {
    "EUR",
    "USD",
    "CHF",
    "GBP",
    "BATNA",
    "ZOPA",
    "MESO",
    "VaR",
    "ES",
    "P",
    "PDF",
    "JSON",
    "Excel",
    "Word",
    "Leverage",
    "Monte",
    "Carlo",
    "Value",
    "at",
    "Risk",
    "Expected",
    "Shortfall",
    "k",
    "M",
    "bn",
    "x",
    "e",
    "n",
    "Q",
    "d",
    "r",
    "W",
    "T",
    "U",
    "us",
    # key names, which Qt writes in the language of its own translation
    "Ctrl",
    "Shift",
    "Alt",
    "Ins",
    "Del",
    "Enter",
    "Return",
    "Esc",
    "Tab",
    "Up",
    "Down",
    "PgUp",
    "PgDown",
    "Home",
    "End",
    "Backspace",
    "Space",
    "F",
    # the German number suffixes (written by desktop_app.i18n.numbers, not the catalogue)
    # the ways to agree of a proposal are lettered
    "A",
    "B",
    "C",
    "Mio",
    "Mrd",
    "Tsd",
    # the months of a German date (Babel's, through desktop_app.i18n.numbers)
    *(str(month) for month in get_month_names("wide", locale="de").values()),
}


def unmarked_words(output: str, known: Iterable[str]) -> list[str]:
    """The words of ``output`` outside ⟪…⟫ that are neither the case's own (``known``) nor
    language-neutral: strings that did not go through the catalogue."""
    allowed = set(known) | NEUTRAL
    rest = re.sub(r"<[^>]*>|&[a-z]+;|#[0-9A-Fa-f]{6}", " ", strip_marked(output))
    return sorted(
        {
            word
            for word in WORD.findall(rest)
            if word not in allowed and not _cut_from(word, allowed) and not word.isdigit()
        }
    )


def _cut_from(word: str, known: set[str]) -> bool:
    """A piece of a known word: a name shortened to fit ("carma…" of "carmaker")."""
    return len(word) >= 3 and any(
        len(other) > len(word) and (other.startswith(word) or other.endswith(word))
        for other in known
    )
