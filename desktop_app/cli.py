"""The front door: ``leverage [CASE]`` opens the app; subcommands work headless (SPEC §5).

Exit codes: 0 done; 2 usage; 3 the input is invalid, corrupt, newer or not a case; 4 the
output cannot be written. Every refusal is one line on stderr naming the file and the problem.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app import __version__
from desktop_app.i18n import N_, _

EXIT_OK, EXIT_USAGE, EXIT_INVALID, EXIT_OUTPUT = 0, 2, 3, 4
HEADLESS_COMMANDS = ("sample", "import", "dump", "analyze", "export", "snapshot")
COMMANDS = HEADLESS_COMMANDS


class CommandFailed(Exception):
    """A refusal with its exit code; the message is printed as one line."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _say(text: str, *, stream: str = "stdout") -> None:
    target = sys.stdout if stream == "stdout" else sys.stderr
    target.write(text if text.endswith("\n") else text + "\n")
    target.flush()


def _write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (overwriting) so a crash never leaves half a file; the file
    is owner-only, like the case it comes from."""
    from desktop_app.files.publish import replace_owner_only

    try:
        replace_owner_only(path, text.encode("utf-8"))
    except OSError as error:
        raise CommandFailed(
            _("{path}: cannot be written ({reason})").format(path=path, reason=error.strerror),
            EXIT_OUTPUT,
        ) from None


# -- subcommands ---------------------------------------------------------------------------


def cmd_sample(args: argparse.Namespace) -> int:
    from desktop_app.store import write_new_case
    from desktop_app.store.sample import sample_case

    target = Path(args.output)
    write_new_case(target, sample_case(), overwrite=args.force)
    _say(_("Wrote the sample case to {path}").format(path=target))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.store.workbook import is_workbook

    source = Path(args.source)
    if is_workbook(source):
        from desktop_app.store.workbook import import_workbook

        case = import_workbook(source, Path(args.output), force=args.force)
    else:
        from desktop_app.store.interchange import import_json

        case = import_json(source, Path(args.output), force=args.force)
    _say(
        _(
            "Created {output} from {source}: {parties} parties, {alternatives} alternatives, "
            "{risks} risks, {scenarios} scenarios"
        ).format(
            output=args.output,
            source=args.source,
            parties=len(case.parties),
            alternatives=len(case.alternatives),
            risks=len(case.risks),
            scenarios=len(case.scenarios),
        )
    )
    return EXIT_OK


def cmd_dump(args: argparse.Namespace) -> int:
    from desktop_app.store import CaseFile
    from desktop_app.store.interchange import dumps

    with CaseFile.open(Path(args.case), read_only=True) as case_file:
        text = dumps(case_file.case, case_file.snapshots())
    if args.output:
        _write_text_atomically(Path(args.output), text)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    return EXIT_OK


def cmd_snapshot(args: argparse.Namespace) -> int:
    """SPEC §10: keep the case as it is now inside its file, with a label and the time."""
    from desktop_app.domain.errors import ValidationError
    from desktop_app.store import CaseFile

    with CaseFile.open(Path(args.case)) as case_file:
        try:
            taken = case_file.take_snapshot(args.label)
        except ValidationError as error:
            raise CommandFailed(f"leverage snapshot: --{error.first}", EXIT_USAGE) from None
        count = len(case_file.snapshots())
    message = (
        _("Took snapshot {id} “{label}” of {case} at {time} ({count} in all)")
        if taken.label
        else _("Took snapshot {id} of {case} at {time} ({count} in all)")
    )
    _say(
        message.format(
            id=taken.id, label=taken.label, case=args.case, time=taken.taken_at, count=count
        )
    )
    return EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    import json

    from desktop_app.store import CaseFile

    with CaseFile.open(Path(args.case), read_only=True) as case_file:
        case = case_file.case
    from desktop_app.analysis import analyze_case
    from desktop_app.analysis.report import analysis_to_json
    from desktop_app.reports.text import format_report

    if args.json:  # language-neutral: the notes and reasons inside the figures in English
        from desktop_app.i18n.choose import use_language

        use_language("en")
    analysis = analyze_case(case)
    if args.json:
        text = json.dumps(analysis_to_json(case, analysis), ensure_ascii=False, indent=2) + "\n"
    else:
        text = format_report(case, analysis)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return EXIT_OK


#: What ``export`` writes, by the output's suffix when ``--kind`` does not say.
WORD_SUFFIX, WORKBOOK_SUFFIX = ".docx", ".xlsx"
#: What ``export`` says it wrote, whole sentences by kind (a translation needs each one whole:
#: German articles follow the noun).
WROTE = {
    ("brief", "pdf"): N_("Wrote the team brief to {path}"),
    ("brief", "docx"): N_("Wrote the team brief as a Word document to {path}"),
    ("proposal", "pdf"): N_("Wrote the proposal to {path}"),
    ("proposal", "docx"): N_("Wrote the proposal as a Word document to {path}"),
    ("card", "pdf"): N_("Wrote the negotiation card to {path}"),
    ("workbook", "xlsx"): N_("Wrote the workbook to {path}"),
}
#: A document asked for with an .xlsx name, by kind.
NOT_A_WORKBOOK = {
    "brief": N_(
        "{path}: the team brief is a PDF (.pdf) or a Word document (.docx); an .xlsx is the "
        "workbook (--kind workbook)"
    ),
    "proposal": N_(
        "{path}: the proposal is a PDF (.pdf) or a Word document (.docx); an .xlsx is the "
        "workbook (--kind workbook)"
    ),
    "card": N_("{path}: the negotiation card is one PDF page: give an output ending in .pdf"),
}


def export_plan(target: Path, kind: str | None, password: str | None) -> tuple[str, str]:
    """(kind, format) of an export: the workbook for ``.xlsx``, Word for ``.docx``, else PDF;
    ``--kind`` brief (the default) or proposal for a document. Raises ``CommandFailed`` (usage)
    when the kind and the suffix disagree."""
    suffix = target.suffix.lower()
    if kind is None:
        kind = "workbook" if suffix == WORKBOOK_SUFFIX else "brief"
    if kind == "workbook":
        if suffix != WORKBOOK_SUFFIX:
            raise CommandFailed(
                _("{path}: the workbook is an Excel file: give an output ending in .xlsx").format(
                    path=target
                ),
                EXIT_USAGE,
            )
        fmt = "xlsx"
    elif suffix == WORKBOOK_SUFFIX:
        raise CommandFailed(
            _(NOT_A_WORKBOOK[kind]).format(path=target),
            EXIT_USAGE,
        )
    else:
        fmt = "docx" if suffix == WORD_SUFFIX else "pdf"
    if kind == "card" and fmt != "pdf":
        raise CommandFailed(
            _("{path}: the negotiation card is one PDF page: give an output ending in .pdf").format(
                path=target
            ),
            EXIT_USAGE,
        )
    if password and fmt != "pdf":
        raise CommandFailed(
            _(
                "{path}: --password protects PDFs only; a Word or Excel file is not encrypted"
            ).format(path=target),
            EXIT_USAGE,
        )
    return kind, fmt


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.store import CaseFile

    target = Path(args.output)
    kind, fmt = export_plan(target, args.kind, args.password)
    if target.is_dir():
        raise CommandFailed(
            _("{path}: is a folder; give the name of the file to write").format(path=target), 4
        )
    if not target.parent.is_dir():
        raise CommandFailed(
            _("{path}: cannot be written: its folder does not exist").format(path=target), 4
        )
    with CaseFile.open(Path(args.case), read_only=True) as case_file:
        case = case_file.case
    analysis = None
    ways = kind == "proposal" and not args.no_ways
    if kind != "proposal" or ways:
        # The proposal itself is built from the allow-list only; the analysis gives it the
        # offers of equal value to us, printed as ways to agree with their terms alone.
        from desktop_app.analysis import analyze_case

        analysis = analyze_case(case)
    if kind == "proposal":  # what it would print out of date: said, written all the same
        from desktop_app.analysis.proposal_checks import proposal_warnings

        for warning in proposal_warnings(case):
            _say(
                _("leverage export: {case}: warning: {warning}").format(
                    case=args.case, warning=warning
                ),
                stream="stderr",
            )
    try:
        if fmt == "xlsx":
            from desktop_app.reports.workbook import export_workbook

            export_workbook(case, analysis, target)
        elif fmt == "docx":
            from desktop_app.reports.docx_export import export_docx

            export_docx(case, analysis, target, kind=kind, paper=args.paper, ways_to_agree=ways)
        else:
            from desktop_app.reports.export import export_pdf

            export_pdf(
                case,
                analysis,
                target,
                kind=kind,
                paper=args.paper,
                password=args.password,
                ways_to_agree=ways,
            )
    except OSError as error:
        raise CommandFailed(
            _("{path}: cannot be written ({reason})").format(
                path=target, reason=error.strerror or error
            ),
            EXIT_OUTPUT,
        ) from None
    _say(_(WROTE[kind, fmt]).format(path=target))
    return EXIT_OK


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="leverage", description=_("Leverage headless commands."))
    sub = parser.add_subparsers(dest="command", required=True)
    # --lang is taken out of the arguments before they are parsed (``_choose_language``); it is
    # declared on every command only so that ``--help`` shows it.
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument(LANG_OPTION, metavar="LANG", help=_(LANG_HELP))

    sample = sub.add_parser("sample", parents=[language], help=_("write the built-in sample case"))
    sample.add_argument("-o", "--output", default="sample.leverage", metavar="PATH")
    sample.add_argument("--force", action="store_true", help=_("replace an existing file"))
    sample.set_defaults(run=cmd_sample)

    imp = sub.add_parser(
        "import", parents=[language], help=_("create a case file from JSON or a case workbook")
    )
    imp.add_argument("source", metavar="CASE.json|BOOK.xlsx")
    imp.add_argument("-o", "--output", required=True, metavar="CASE")
    imp.add_argument("--force", action="store_true", help=_("replace an existing case file"))
    imp.set_defaults(run=cmd_import)

    dump = sub.add_parser("dump", parents=[language], help=_("write a case as JSON"))
    dump.add_argument("case", metavar="CASE")
    dump.add_argument("-o", "--output", metavar="CASE.json")
    dump.set_defaults(run=cmd_dump)

    snap = sub.add_parser(
        "snapshot", parents=[language], help=_("keep the case as it is now inside its file")
    )
    snap.add_argument("case", metavar="CASE")
    snap.add_argument("--label", default="", metavar="TEXT", help=_("what the snapshot marks"))
    snap.set_defaults(run=cmd_snapshot)

    analyze = sub.add_parser(
        "analyze", parents=[language], help=_("print every figure of the analysis")
    )
    analyze.add_argument("case", metavar="CASE")
    analyze.add_argument("--json", action="store_true", help=_("machine-readable output"))
    analyze.set_defaults(run=cmd_analyze)

    export = sub.add_parser(
        "export",
        parents=[language],
        help=_("write the team brief or the proposal (PDF or Word), or the case workbook (Excel)"),
    )
    export.add_argument("case", metavar="CASE")
    export.add_argument("-o", "--output", required=True, metavar="OUT.pdf|OUT.docx|OUT.xlsx")
    export.add_argument(
        "--kind",
        choices=("brief", "proposal", "card", "workbook"),
        default=None,
        help=_(
            "brief (the default), proposal, card (the one-page negotiation card, PDF), or "
            "workbook (the default for .xlsx)"
        ),
    )
    export.add_argument("--password", metavar="PW")
    export.add_argument("--paper", choices=("a4", "letter"), default="a4")
    export.add_argument(
        "--no-ways",
        action="store_true",
        help=_("the proposal without the three ways to agree (other packages of equal value)"),
    )
    export.set_defaults(run=cmd_export)
    return parser


def run_command(argv: Sequence[str]) -> int:
    from desktop_app.store.errors import CaseFileError

    args = _command_parser().parse_args(argv)
    runner: Callable[[argparse.Namespace], int] = args.run
    try:
        return runner(args)
    except CaseFileError as error:
        _say(f"leverage {args.command}: {error}", stream="stderr")
        return error.exit_code
    except CommandFailed as error:
        _say(str(error), stream="stderr")
        return error.exit_code


# -- the app -------------------------------------------------------------------------------


def has_display() -> bool:
    """SPEC §5: on Linux, no QT_QPA_PLATFORM, DISPLAY or WAYLAND_DISPLAY means no screen."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(v) for v in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"))


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leverage",
        description=_(
            "Leverage: negotiation preparation for the weaker side. Headless commands: "
            "{commands} (leverage COMMAND --help)."
        ).format(commands=", ".join(COMMANDS)),
    )
    parser.add_argument("case", nargs="?", metavar="CASE", help=_("the case file to open"))
    parser.add_argument("--quit-after-load", action="store_true")
    parser.add_argument("--timings", action="store_true")
    parser.add_argument(LANG_OPTION, metavar="LANG", help=_(LANG_HELP))
    parser.add_argument("--version", action="version", version=f"leverage {__version__}")
    return parser


def run_gui(argv: Sequence[str], language: str | None = None) -> int:
    args = _gui_parser().parse_args(argv)
    if not has_display():
        headless = ", ".join(f"leverage {c}" for c in HEADLESS_COMMANDS)
        _say(
            _(
                "leverage: no display available (none of QT_QPA_PLATFORM, DISPLAY, "
                "WAYLAND_DISPLAY is set); the headless commands work without one: {commands}"
            ).format(commands=headless),
            stream="stderr",
        )
        return EXIT_USAGE
    # The chart worker first: it loads matplotlib on the other core while Qt loads here.
    from desktop_app.charts.worker import start_shared

    start_shared()
    from desktop_app.ui.shell.preload import before_qt

    before_qt()
    from desktop_app.ui.shell.app import run_app

    return run_app(
        args.case, quit_after_load=args.quit_after_load, timings=args.timings, language=language
    )


LANG_OPTION = "--lang"
LANG_HELP = N_("the language of the output: en or de (default: $LEVERAGE_LANG, else en)")


def _language_option(args: list[str]) -> tuple[list[str], str | None]:
    """Take ``--lang X`` / ``--lang=X`` out of ``args`` (wherever it is, before a ``--``):
    (the other arguments, X or None). Raises ``UnknownLanguage`` (a ValueError) for a
    language we do not speak."""
    from desktop_app.i18n.choose import check_language, use_language

    use_language("en")  # until one is chosen: a refusal of the choice itself is in English
    option: str | None = None
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg == LANG_OPTION:
            if index + 1 >= len(args):
                raise ValueError(_("--lang needs a language (en or de)"))
            option = check_language(args[index + 1], source=LANG_OPTION)
            index += 2
            continue
        if arg.startswith(LANG_OPTION + "="):
            option = check_language(arg.split("=", 1)[1], source=LANG_OPTION)
        else:
            rest.append(arg)
        index += 1
    return rest, option


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # Before the case model is imported: its dataclasses' methods compiled at an earlier start
    # are not compiled again (saved once the app has painted, a worker is ready, a command done).
    from desktop_app import code_cache

    code_cache.install()
    if args[:1] == ["--chart-worker"]:  # the app's own chart worker (desktop_app.charts.worker)
        from desktop_app.charts.serve import serve
        from desktop_app.charts.worker import read_twin_arguments

        return serve(read_twin_arguments(args[1:]))
    try:
        args, language = _language_option(args)
        if args and args[0] in COMMANDS:
            # The commands speak --lang, else LEVERAGE_LANG, else English (the app also
            # follows its own setting and the system: ui.shell.language).
            from desktop_app.i18n.choose import resolve_language, use_language

            use_language(resolve_language(language))
    except ValueError as error:  # i18n.choose.UnknownLanguage
        _say(f"leverage: {error}", stream="stderr")
        return EXIT_USAGE
    try:
        if args and args[0] in COMMANDS:
            try:
                return run_command(args)
            finally:
                code_cache.save()
        return run_gui(args, language)
    except SystemExit as exit_:  # argparse: --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        _say(_("leverage: interrupted"), stream="stderr")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
