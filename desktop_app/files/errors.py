"""What can go wrong with a file the user named, in words a consultant understands.

Every error names the file; the CLI prints ``str(error)`` on one line and exits with
``exit_code`` (SPEC §5: 3 bad input, 4 output cannot be written). The store's errors
(``desktop_app.store.errors``) are this family; its ``CaseFileError`` is ``FileError``.
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.domain.errors import printable
from desktop_app.i18n import _

_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def one_line(text: str) -> str:
    """``text`` on one line: SQLite's messages about a damaged file may quote the schema's SQL
    over several lines, or bytes that would steer a terminal."""
    return printable(_LINE_BREAKS.sub(" ", text))


class FileError(Exception):
    """Base of every error about a named file; ``exit_code`` is the CLI's exit status for it."""

    exit_code = 3

    def __init__(self, path: Path | str, problem: str) -> None:
        problem = one_line(problem)
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem

    def problem_sentence(self) -> str:
        """The problem as a sentence for a dialog: “deal.leverage” is damaged: …."""
        text = _("“{name}” {problem}").format(name=self.path.name, problem=self.problem)
        return text if text.endswith(".") else text + "."


class WriteFailed(FileError):
    """A write could not be completed; nothing of it was stored."""

    exit_code = 4


class TargetExists(FileError):
    """The output file already exists and overwriting was not asked for."""

    exit_code = 4
