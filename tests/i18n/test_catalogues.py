"""The catalogue check of SPEC §12: every string marked in the source is in each language's
catalogue, translated, not fuzzy, with the same placeholders; nothing in a catalogue is left
over from strings the source no longer has; the compiled catalogue says what its source says."""

from __future__ import annotations

import gettext
import re
import string

import pytest

from desktop_app.i18n.catalogues import compile_all, extract, read, translated_languages
from desktop_app.i18n.choose import DOMAIN, LOCALE_DIR

LANGUAGES = translated_languages()


def _ids(message_id: str | tuple[str, ...]) -> tuple[str, ...]:
    return message_id if isinstance(message_id, tuple) else (message_id,)


def _fields(text: str) -> set[str]:
    """The ``{name}`` fields of a ``str.format`` text (``{{`` escapes not counted)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def source_ids() -> set[str]:
    return {_ids(message.id)[0] for message in extract() if message.id}


def test_the_source_marks_strings_and_german_is_among_the_languages(
    source_ids: set[str],
) -> None:
    assert LANGUAGES == ("de",)
    assert "Wrote the sample case to {path}" in source_ids  # the command line's own


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_marked_string_is_translated_and_none_is_fuzzy(
    code: str, source_ids: set[str]
) -> None:
    catalog = read(code)
    entries = {_ids(message.id)[0]: message for message in catalog if message.id}
    missing = sorted(source_ids - entries.keys())
    assert not missing, f"{code}: not in the catalogue (make catalogues): {missing[:10]}"
    leftover = sorted(entries.keys() - source_ids)
    assert not leftover, f"{code}: no longer in the source: {leftover[:10]}"
    untranslated = [key for key, message in entries.items() if not all(_ids(message.string))]
    assert not untranslated, f"{code}: untranslated: {untranslated[:10]}"
    fuzzy = [key for key, message in entries.items() if message.fuzzy]
    assert not fuzzy, f"{code}: fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_translation_keeps_the_placeholders_of_its_source(code: str) -> None:
    wrong = []
    for message in read(code):
        if not message.id:
            continue
        wanted = set().union(*(_fields(text) for text in _ids(message.id)))
        for text in _ids(message.string):
            if _fields(text) != wanted:
                wrong.append((_ids(message.id)[0], text))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_catalogue_says_what_its_source_says(code: str) -> None:
    compile_all()
    compiled = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
    for message in read(code):
        if message.id and isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string


def test_no_f_string_is_marked_for_translation() -> None:
    """``_(f"…")`` would look up the text with its values filled in, never found: the
    catalogue holds ``_("… {name} …").format(name=…)``."""
    from desktop_app.i18n.catalogues import SOURCE_DIR

    pattern = re.compile(r"\b(?:_|N_|ngettext)\(\s*f[\"']")
    offenders = [
        f"{path.relative_to(SOURCE_DIR)}:{number}"
        for path in sorted(SOURCE_DIR.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not offenders
