"""Right-to-left text for renderers that lay glyphs out left to right, one per character:
ReportLab's paragraphs and matplotlib's texts.

Two steps, both needed for Arabic, the second for Hebrew:

* ``shape``: Arabic letters become the contextual forms they take in a word (initial, medial,
  final, isolated; lam-alef ligatures), as the Unicode *presentation forms* (U+FB50–U+FEFF)
  that Noto Sans Arabic and DejaVu Sans map. This is arabic-reshaper's job; the text stays in
  logical order, so a renderer can still measure and break it into lines.
* ``visual_order``/``visual``: the Unicode bidirectional algorithm (python-bidi) puts one line
  in the order it is drawn, right-to-left runs reversed and their brackets mirrored.

Text extraction of a PDF drawn this way returns the drawn characters: the presentation forms
(NFKC gives back the letters), right-to-left runs in visual order.

Only text with a right-to-left character is touched (``has_rtl``), so Latin, Greek, Cyrillic
and CJK cost one regular-expression search.
"""

from __future__ import annotations

import functools
import re
from typing import Any

#: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic supplements and extensions,
#: the Hebrew and Arabic presentation forms, and the right-to-left planes of the SMP.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def has_rtl(text: str) -> bool:
    """Whether ``text`` has a right-to-left character (and so needs ``visual_order``)."""
    return _RTL.search(text) is not None


def is_arabic(ch: str) -> bool:
    """An Arabic letter, mark or presentation form (drawn with the Arabic font)."""
    return "\u0600" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufefe"


@functools.cache
def _reshaper() -> Any:
    import arabic_reshaper

    # Vowel marks are kept (they are the user's text); the ligatures are the standard ones.
    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def shape(text: str) -> str:
    """Arabic letters as their contextual presentation forms, in logical order; any other
    text unchanged."""
    if _ARABIC.search(text) is None:
        return text
    return str(_reshaper().reshape(text))


def base_level(text: str) -> int:
    """The direction of a line of ``text``: 1 (right to left) when more of its words are
    written right to left than left to right, 0 when fewer, and on a tie its first strong
    character's (Unicode's rules P2 and P3). The documents are English: an Arabic name at the
    start of an English sentence ("شركة الأمل, no loss in 2% of runs") does not turn the
    sentence around, while an Arabic note that quotes "EUR 455" stays right to left."""
    import unicodedata

    from bidi.algorithm import get_base_level

    balance = 0
    for word in text.split():
        for ch in word:
            kind = unicodedata.bidirectional(ch)
            if kind == "L":
                balance -= 1
                break
            if kind in ("R", "AL"):
                balance += 1
                break
    if balance:
        return 1 if balance > 0 else 0
    return int(get_base_level(text))


def visual_order(text: str, level: int | None = None) -> list[tuple[int, str]]:
    """One line of ``text`` in drawing order: ``(logical index, character)`` pairs, the
    characters of right-to-left runs mirrored where Unicode says so (brackets), explicit
    direction marks dropped. ``level`` is the paragraph direction (0 left-to-right, 1 right-
    to-left; None: from the text)."""
    from bidi import algorithm as uba

    storage: dict[str, Any] = uba.get_empty_storage()
    base = base_level(text) if level is None else level
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
        kind = _CLASSES.get(char["type"], char["type"])
        if not kind:  # unassigned: Unicode's default by block
            kind = "AL" if _ARABIC.match(char["ch"]) else "R" if has_rtl(char["ch"]) else "L"
        char["type"] = char["orig"] = kind
    try:
        uba.explicit_embed_and_overrides(storage)
        uba.resolve_weak_types(storage)
        uba.resolve_neutral_types(storage, False)
        uba.resolve_implicit_levels(storage, False)
        uba.reorder_resolved_levels(storage, False)
        uba.apply_mirroring(storage, False)
    except (AssertionError, KeyError, IndexError, ValueError):  # pragma: no cover - a gap
        return list(enumerate(text))  # of the implementation: logical order, never a crash
    return [(char["index"], char["ch"]) for char in storage["chars"]]


#: Bidi classes the pure-Python algorithm (Unicode 6 rules) lacks: the isolates of Unicode 6.3
#: act as the neutrals they replaced.
_CLASSES = {"LRI": "ON", "RLI": "ON", "FSI": "ON", "PDI": "ON"}


def visual(text: str) -> str:
    """``text`` shaped and in drawing order, line by line (each line its own paragraph);
    text without a right-to-left character is returned as it is."""
    if not has_rtl(text):
        return text
    return "\n".join(
        "".join(ch for _, ch in visual_order(shape(line))) if has_rtl(line) else line
        for line in text.split("\n")
    )
