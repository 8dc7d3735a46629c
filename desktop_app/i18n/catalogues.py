"""The catalogues' build: extract the marked strings, merge them into each language's ``.po``,
compile the ``.mo`` the app reads (SPEC §12).

``python -m desktop_app.i18n.catalogues`` compiles every ``.po`` whose ``.mo`` is missing or
older (``make`` runs it at install time; the tests run it too). ``--update`` first extracts the
strings marked with ``_``, ``N_`` and ``ngettext`` from ``desktop_app`` and merges them into each
catalogue: a new string arrives untranslated and fuzzy-free, a changed one is marked fuzzy, and
``tests/i18n`` fails until a translator has seen them. Babel does the work; this module only
says where things are.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from desktop_app.i18n import LANGUAGES
from desktop_app.i18n.choose import DOMAIN, LOCALE_DIR, catalogue_path

SOURCE_DIR = Path(__file__).resolve().parents[1]
#: The marking functions and where their message arguments are (Babel's keyword spec).
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHOD_MAP = [("**.py", "python")]


def translated_languages() -> tuple[str, ...]:
    return tuple(code for code in LANGUAGES if code != "en")


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every string marked in the source, with where it is."""
    catalog = Catalog(domain=DOMAIN, project="Leverage", charset="utf-8")
    found: Iterator[tuple[str, int, str | tuple[str, ...], list[str], str | None]] = (
        extract_from_dir(
            str(SOURCE_DIR), method_map=METHOD_MAP, keywords=KEYWORDS, comment_tags=("i18n:",)
        )
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message,
            None,
            [(f"desktop_app/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def read(code: str) -> Catalog:
    with po_path(code).open("rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


def update() -> None:
    """Merge the source's strings into each language's catalogue (``.po``)."""
    template = extract()
    for code in translated_languages():
        path = po_path(code)
        if path.exists():
            catalog = read(code)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(
                locale=code,
                domain=DOMAIN,
                project="Leverage",
                copyright_holder="the Leverage authors",
                last_translator="the Leverage team",
                language_team=f"Leverage ({code})",
                charset="utf-8",
                fuzzy=False,
            )
        catalog.update(template, no_fuzzy_matching=False, update_creation_date=False)
        write(code, catalog)


def write(code: str, catalog: Catalog) -> None:
    """Write ``catalog`` as ``code``'s ``.po``: sorted by message, without line numbers (an
    edit elsewhere in a file does not touch the catalogue), obsolete entries dropped."""
    with po_path(code).open("wb") as handle:
        write_po(
            handle,
            catalog,
            width=100,
            sort_output=True,
            include_lineno=False,
            ignore_obsolete=True,
        )


def compile_all(*, force: bool = False) -> list[Path]:
    """Compile each ``.po`` whose ``.mo`` is missing or older (all with ``force``); the paths
    written."""
    written = []
    for code in translated_languages():
        source, target = po_path(code), catalogue_path(code)
        if not source.exists():
            continue
        if not force and target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        catalog = read(code)
        with target.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--update", action="store_true", help="extract and merge first")
    parser.add_argument("--force", action="store_true", help="compile every catalogue")
    args = parser.parse_args(argv)
    if args.update:
        update()
    for path in compile_all(force=args.force):
        print(f"compiled {path.relative_to(SOURCE_DIR.parent)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
