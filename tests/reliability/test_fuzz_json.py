"""Bad JSON in: always a valid case or a clean refusal naming the file — never a traceback,
never a changed input file.

Hundreds of mutated documents in ``make test``, thousands in ``make fuzz`` (see
``mutations.bad_json``). A document that is accepted must be a valid case that survives
``dump`` and ``import`` unchanged; a refusal is one line that starts with the file's name.
"""

from __future__ import annotations

import collections
import tempfile
from pathlib import Path

from hypothesis import given

from desktop_app.domain import validate_case
from desktop_app.store.interchange import InvalidDocument, dumps, parse_json_text, read_json_file
from tests.reliability.mutations import BadJson, bad_json, bad_json_bytes
from tests.reliability.support import budget, run_cli
from tests.store.casefile_support import listing, stored_case

SOURCE = "fuzzed.json"
JSON_EXAMPLES = (400, 6_000)  # in make test, in make fuzz
IMPORT_EXAMPLES = (60, 1_500)


def _one_line_naming(message: str, name: str) -> None:
    assert message.startswith(f"{name}: "), message
    assert "\n" not in message.rstrip("\n") and "\r" not in message, message
    assert "Traceback" not in message, message


def outcome(text: str) -> str:
    """``"accepted"`` or ``"refused"`` — the only two ways ``text`` may end."""
    try:
        case = parse_json_text(text, SOURCE)
    except InvalidDocument as refusal:
        _one_line_naming(str(refusal), SOURCE)
        return "refused"
    assert validate_case(case) == case
    assert parse_json_text(dumps(case), SOURCE) == case  # dump → import gives it back
    return "accepted"


def _both_seen(seen: collections.Counter[str], what: str) -> None:
    """A fuzzer whose inputs all end the same way proves little: both outcomes must be common."""
    total = sum(seen.values())
    assert min(seen["accepted"], seen["refused"]) >= max(1, total // 40), seen
    print(f"{what}: {total} fuzzed ({dict(seen)})")


def test_the_json_reader_accepts_a_valid_case_or_refuses_cleanly() -> None:
    seen: collections.Counter[str] = collections.Counter()

    @budget(*JSON_EXAMPLES)
    @given(bad=bad_json())
    def read(bad: BadJson) -> None:
        seen[outcome(bad.text)] += 1

    read()
    _both_seen(seen, "JSON documents read")


def _import(raw: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "fuzzed.json"
        source.write_bytes(raw)
        target = Path(folder) / "fuzzed.leverage"
        result = run_cli(["import", str(source), "-o", str(target)])
        assert source.read_bytes() == raw  # the input is never changed
        if result.code == 3:
            _one_line_naming(result.stderr, f"leverage import: {source}")
            assert listing(Path(folder)) == ["fuzzed.json"]  # nothing written
            return "refused"
        assert result.code == 0, result
        case = stored_case(target)
        assert validate_case(case) == case
        assert target.stat().st_mode & 0o777 == 0o600
        dumped = Path(folder) / "dumped.json"
        assert run_cli(["dump", str(target), "-o", str(dumped)]).code == 0
        assert read_json_file(dumped) == case
        return "accepted"


def test_the_import_command_creates_a_valid_case_or_exits_3() -> None:
    seen: collections.Counter[str] = collections.Counter()

    @budget(*IMPORT_EXAMPLES)
    @given(data=bad_json_bytes())
    def import_(data: tuple[bytes, str]) -> None:
        seen[_import(data[0])] += 1

    import_()
    _both_seen(seen, "JSON files imported")
