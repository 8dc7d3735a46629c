"""Schema versions: the committed fixture of every schema version loads with today's code, and
the migration mechanism (ordered, transactional, backup first, read-only in memory) works
(SPEC §6).

The mechanism is driven by a test-only step appended to today's migrations (the code of a
Leverage one version newer): under it the fixture of every version, today's included, is an
older file, whatever today's version is. Each test runs on a copy of each fixture in
``tmp_path`` (the ``fixture_copy`` fixture); the committed files are only read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop_app.domain import Case, Risk
from desktop_app.store import (
    CaseFile,
    CaseFileError,
    NewerVersionFile,
    UpgradeFailed,
    casefile,
    write_new_case,
)
from desktop_app.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.store.casefile_support import (
    APPLICATION_ID,
    NEXT_VERSION,
    FixtureCopy,
    Migrations,
    column,
    fixture_case,
    fixture_files,
    listing,
    pragma,
    snapshot,
    with_next_step,
)

MARK = f" [migrated to {NEXT_VERSION}]"


def stored_case(path: Path, migrations: Migrations = MIGRATIONS) -> Case:
    """The case as a fresh read-only open with ``migrations`` sees it."""
    with CaseFile.open(path, read_only=True, migrations=migrations) as case_file:
        return case_file.case


def step_next(db: Database) -> None:
    """A realistic test-only migration: a new table, and existing data rewritten."""
    db.execute("CREATE TABLE test_attachments (id TEXT PRIMARY KEY, name TEXT NOT NULL)")
    db.execute("UPDATE case_info SET notes = notes || ?", (MARK,))


def failing_sql_step(db: Database) -> None:
    db.execute("UPDATE case_info SET notes = 'half done'")
    db.execute("CREATE TABLE half_done (x)")
    db.execute("INSERT INTO no_such_table VALUES (1)")


def failing_python_step(db: Database) -> None:
    db.execute("UPDATE case_info SET notes = 'half done'")
    raise RuntimeError("a bug in the migration code")


WITH_NEXT = with_next_step(step_next)


# -- the committed fixtures ----------------------------------------------------------------


@pytest.mark.parametrize("version", sorted(fixture_files()))
def test_committed_fixtures_are_small_files_of_their_version(version: int) -> None:
    data = fixture_files()[version].read_bytes()
    assert len(data) < 200 * 1024
    assert data[:16] == b"SQLite format 3\x00"
    assert int.from_bytes(data[60:64], "big") == version  # user_version
    assert int.from_bytes(data[68:72], "big") == APPLICATION_ID
    assert (fixture_files()[version].parent / "make_fixtures.py").is_file()


def test_fixture_opens_and_loads_with_todays_code(
    fixture_copy: FixtureCopy, opened: Callable[..., CaseFile]
) -> None:
    before = snapshot(fixture_copy.path)
    case_file = opened(fixture_copy.path, read_only=True)
    assert case_file.case == fixture_copy.case
    assert len(case_file.case.risks) >= 8  # the sample story, not an empty case
    assert snapshot(fixture_copy.path) == before


@pytest.mark.parametrize("code", ["today's code", "one version newer"])
def test_a_file_is_backed_up_exactly_when_the_code_opening_it_is_newer(
    code: str, fixture_copy: FixtureCopy, opened: Callable[..., CaseFile]
) -> None:
    """Opened for writing, a file takes edits; it is migrated, after a backup, when it is older
    than the code that opens it, and left at its version without a backup when it is not."""
    migrations = MIGRATIONS if code == "today's code" else WITH_NEXT
    path = fixture_copy.path
    files_before = listing(path.parent)
    case_file = opened(path, migrations=migrations)
    assert not case_file.read_only
    expected = fixture_copy.case
    if migrations is WITH_NEXT:
        expected = replace(expected, info=replace(expected.info, notes=expected.info.notes + MARK))
    assert case_file.case == expected
    case_file.add(Risk(id="r-new-on-old", probability=0.1))
    case_file.close()
    assert stored_case(path, migrations).risks[-1].id == "r-new-on-old"
    older = fixture_copy.version < len(migrations)
    assert pragma(path, "user_version") == len(migrations)
    assert fixture_copy.backup.exists() == older
    backups = [fixture_copy.backup.name] if older else []
    assert listing(path.parent) == sorted([*files_before, *backups])


# -- a later migration ---------------------------------------------------------------------


def test_extra_migration_is_applied_after_a_backup(
    fixture_copy: FixtureCopy, opened: Callable[..., CaseFile]
) -> None:
    path, original = fixture_copy.path, fixture_copy.case
    case_file = opened(path, migrations=WITH_NEXT)
    assert not case_file.read_only
    assert case_file.case.info.notes == original.info.notes + MARK
    case_file.close()

    assert pragma(path, "user_version") == NEXT_VERSION
    assert pragma(path, "application_id") == APPLICATION_ID
    assert column(path, "SELECT name FROM _sqlite_migrations ORDER BY id") == [
        name for name, _ in WITH_NEXT
    ]
    assert "test_attachments" in column(path, "SELECT name FROM sqlite_master")

    backup = fixture_copy.backup
    assert backup.exists()
    assert pragma(backup, "user_version") == fixture_copy.version
    assert pragma(backup, "quick_check") == "ok"
    assert stored_case(backup) == original

    with CaseFile.open(path, migrations=WITH_NEXT) as again:  # already migrated
        assert again.case.info.notes == original.info.notes + MARK


def test_migrated_file_is_newer_than_todays_code(
    fixture_copy: FixtureCopy, opened: Callable[..., CaseFile]
) -> None:
    opened(fixture_copy.path, migrations=WITH_NEXT).close()
    before = snapshot(fixture_copy.path)
    with pytest.raises(NewerVersionFile):
        CaseFile.open(fixture_copy.path)
    assert snapshot(fixture_copy.path) == before


def test_read_only_open_migrates_in_memory_only(
    fixture_copy: FixtureCopy, opened: Callable[..., CaseFile]
) -> None:
    path = fixture_copy.path
    before = snapshot(path)
    files_before = listing(path.parent)
    case_file = opened(path, read_only=True, migrations=WITH_NEXT)
    assert case_file.read_only
    assert case_file.case.info.notes == fixture_copy.case.info.notes + MARK
    assert snapshot(path) == before
    assert listing(path.parent) == files_before  # no backup, no lock
    assert pragma(path, "user_version") == fixture_copy.version


def test_failed_migration_leaves_the_file_as_it_was(
    fixture_copy: FixtureCopy, opened: Callable[..., CaseFile]
) -> None:
    path = fixture_copy.path
    before = snapshot(path)
    with pytest.raises(UpgradeFailed) as caught:
        CaseFile.open(path, migrations=with_next_step(failing_sql_step, "broken"))
    assert str(path) in str(caught.value)
    assert "upgraded" in str(caught.value)
    assert snapshot(path).data == before.data
    assert pragma(path, "user_version") == fixture_copy.version
    assert "half_done" not in column(path, "SELECT name FROM sqlite_master")
    assert not path.with_name(path.name + "-journal").exists()
    # Not left locked, and still the same case for today's code.
    assert opened(path).case == fixture_copy.case


def test_migration_raising_a_python_error_is_refused_cleanly(fixture_copy: FixtureCopy) -> None:
    """A bug in a migration step must end in a clear refusal (a ``CaseFileError`` the CLI
    turns into one line and exit 3), with the file unchanged, not in a traceback."""
    path = fixture_copy.path
    before = snapshot(path)
    with pytest.raises(CaseFileError) as caught:
        CaseFile.open(path, migrations=with_next_step(failing_python_step, "bug"))
    assert str(path) in str(caught.value)
    assert snapshot(path).data == before.data


def test_migration_python_error_leaves_the_file_unchanged_and_unlocked(
    fixture_copy: FixtureCopy,
) -> None:
    path = fixture_copy.path
    before = snapshot(path)
    with pytest.raises(Exception, match="bug in the migration"):
        CaseFile.open(path, migrations=with_next_step(failing_python_step, "bug"))
    assert snapshot(path).data == before.data
    assert pragma(path, "user_version") == fixture_copy.version
    with CaseFile.open(path) as case_file:
        assert case_file.case == fixture_copy.case


def test_backup_failure_before_migrating_is_a_clear_refusal(
    fixture_copy: FixtureCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the backup cannot be written (disk full), nothing is migrated and the consultant
    gets a sentence naming the file (a ``CaseFileError``), not a raw ``sqlite3`` error."""

    def full_disk(_conn: sqlite3.Connection, _target: Path) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(casefile, "_write_copy", full_disk)
    path = fixture_copy.path
    before = snapshot(path)
    with pytest.raises(CaseFileError) as caught:
        CaseFile.open(path, migrations=WITH_NEXT)
    assert str(path) in str(caught.value)
    assert snapshot(path).data == before.data
    assert pragma(path, "user_version") == fixture_copy.version


def test_backup_failure_leaves_the_file_unmigrated_and_unlocked(
    fixture_copy: FixtureCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(_conn: sqlite3.Connection, _target: Path) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(casefile, "_write_copy", full_disk)
    path = fixture_copy.path
    before = snapshot(path)
    with pytest.raises(Exception, match="full"):
        CaseFile.open(path, migrations=WITH_NEXT)
    monkeypatch.undo()
    assert snapshot(path).data == before.data
    with CaseFile.open(path) as case_file:
        assert case_file.case == fixture_copy.case


def test_upgrade_over_several_versions_is_all_or_nothing(fixture_copy: FixtureCopy) -> None:
    """If the last step of an upgrade over several versions fails, the file must stay at the
    version it had: a file left halfway is refused by the installed version ("newer") and
    cannot be finished by this one, so the consultant could open it with neither."""
    path = fixture_copy.path
    before = snapshot(path)
    steps = (*WITH_NEXT, (f"{NEXT_VERSION + 1:04d}_broken", failing_sql_step))
    with pytest.raises(UpgradeFailed):
        CaseFile.open(path, migrations=steps)
    assert pragma(path, "user_version") == fixture_copy.version
    assert snapshot(path).data == before.data


def test_migrations_bump_user_version_in_step(tmp_path: Path) -> None:
    """Building a file with the extra step gives the next version straight away."""
    path = tmp_path / "made-next.leverage"
    case = fixture_case(SCHEMA_VERSION)
    write_new_case(path, case, migrations=WITH_NEXT)
    assert pragma(path, "user_version") == NEXT_VERSION
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM test_attachments").fetchone()[0] == 0
    finally:
        conn.close()
    with CaseFile.open(path, migrations=WITH_NEXT) as case_file:
        assert case_file.case == case


# -- migration 0002: the formal offer and the letterheads (issue 13) --------------------------


def _columns(path: Path, table: str) -> dict[str, tuple[str, bool, object]]:
    """column -> (declared type, NOT NULL, default) of ``table``."""
    conn = sqlite3.connect(path)
    try:
        return {
            row[1]: (row[2], bool(row[3]), row[4])
            for row in conn.execute(f"PRAGMA table_info([{table}])")
        }
    finally:
        conn.close()


def test_a_schema_1_file_is_migrated_to_the_offer_and_letterheads_keeping_its_data(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """The committed v1 fixture opens with today's code: it is backed up, migration 0002 adds
    the new columns with their defaults, and the case is the v1 case with nothing lost and the
    new fields empty — which a v1 JSON document without them imports as too."""
    copy = FixtureCopy.make(1, tmp_path)
    v1 = copy.case  # read from schema-v1.json, a version-1 document without the new fields
    assert MIGRATIONS[1][0] == "0002_offer_and_letterheads" and SCHEMA_VERSION >= 2
    assert "consultancy" not in _columns(copy.path, "case_info")
    assert "reference" not in _columns(copy.path, "proposal")

    case_file = opened(copy.path)
    case = case_file.case
    case_file.close()

    # Its data is kept, field for field, and the new fields have their defaults.
    assert case == v1
    assert len(case.risks) >= 8 and case.info.title == v1.info.title
    assert case.info.consultant == v1.info.consultant
    assert (case.info.consultancy, case.info.consultancy_logo, case.info.consultancy_accent) == (
        "",
        None,
        None,
    )
    assert (case.info.client_logo, case.info.client_accent) == (None, None)
    proposal = case.proposal
    assert proposal.statement == v1.proposal.statement
    assert proposal.talking_points == v1.proposal.talking_points
    assert (proposal.addressee, proposal.reference, proposal.signatory, proposal.contact) == (
        "",
        "",
        "",
        "",
    )
    assert proposal.offer_valid_until is None

    # The file: version 2 (or later), both migrations recorded, the columns with their SQL.
    assert pragma(copy.path, "user_version") == SCHEMA_VERSION
    names = column(copy.path, "SELECT name FROM _sqlite_migrations ORDER BY id")
    assert names[:2] == ["0001_create_schema", "0002_offer_and_letterheads"]
    info_columns = _columns(copy.path, "case_info")
    assert info_columns["consultancy"] == ("TEXT", True, "''")
    assert info_columns["consultancy_logo"] == ("BLOB", False, None)
    assert info_columns["consultancy_accent"] == ("TEXT", False, None)
    assert info_columns["client_logo"] == ("BLOB", False, None)
    assert info_columns["client_accent"] == ("TEXT", False, None)
    proposal_columns = _columns(copy.path, "proposal")
    for name in ("addressee", "reference", "signatory", "contact"):
        assert proposal_columns[name] == ("TEXT", True, "''"), name
    assert proposal_columns["offer_valid_until"] == ("TEXT", False, None)

    # The file as it was, kept before migrating, still opens as version 1 data.
    assert copy.backup.exists()
    assert pragma(copy.backup, "user_version") == 1
    assert "consultancy" not in _columns(copy.backup, "case_info")


def test_the_migrated_file_takes_the_new_fields(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """After migrating, the new fields are stored like any other (a logo as a BLOB)."""
    copy = FixtureCopy.make(1, tmp_path)
    logo = fixture_case(2).info.client_logo
    assert logo is not None
    case_file = opened(copy.path)
    case = case_file.case
    case_file.set_info(replace(case.info, consultancy="Northbridge", client_logo=logo))
    case_file.set_proposal(
        replace(case.proposal, reference="KPT-AUR-2026-117", offer_valid_until="2027-01-29")
    )
    case_file.close()
    again = stored_case(copy.path)
    assert again.info.consultancy == "Northbridge" and again.info.client_logo == logo
    assert again.proposal.reference == "KPT-AUR-2026-117"
    assert again.proposal.offer_valid_until == "2027-01-29"
    assert column(copy.path, "SELECT typeof(client_logo) FROM case_info") == ["blob"]


# -- migration 0003: the deal terms (issue 14) ------------------------------------------------


def test_a_schema_2_file_is_migrated_to_the_deal_terms_keeping_its_data(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """The committed v2 fixture opens with today's code: backed up, migration 0003 adds the
    counterpart's cost of capital and our alternatives' net value as NULL columns, and the case
    is the v2 case with the new fields empty (their cost of capital: the same as ours)."""
    copy = FixtureCopy.make(2, tmp_path)
    v2 = copy.case
    assert MIGRATIONS[2][0] == "0003_deal_terms" and SCHEMA_VERSION >= 3
    assert "their_cost_of_capital_pct" not in _columns(copy.path, "case_info")
    assert "net_value" not in _columns(copy.path, "alternatives")

    case_file = opened(copy.path)
    case = case_file.case
    case_file.close()

    assert case == v2
    assert case.info.their_cost_of_capital_pct is None
    assert all(a.net_value is None for a in case.alternatives)
    assert pragma(copy.path, "user_version") == SCHEMA_VERSION
    names = column(copy.path, "SELECT name FROM _sqlite_migrations ORDER BY id")
    assert names[:3] == ["0001_create_schema", "0002_offer_and_letterheads", "0003_deal_terms"]
    assert _columns(copy.path, "case_info")["their_cost_of_capital_pct"] == ("REAL", False, None)
    assert _columns(copy.path, "alternatives")["net_value"] == ("REAL", False, None)
    assert copy.backup.exists() and pragma(copy.backup, "user_version") == 2


def test_the_schema_3_fixture_holds_the_deal_terms(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """The v3 fixture was written with values in the new fields, and they load."""
    case_file = opened(FixtureCopy.make(3, tmp_path).path, read_only=True)
    case = case_file.case
    assert case == fixture_case(3)
    assert case.info.their_cost_of_capital_pct == 4.5
    values = {a.id: a.net_value for a in case.alternatives_of("ours")}
    assert values == {"a-ours-drives": 9_500_000.0, "a-ours-rival": 4_000_000.0}
    assert all(a.net_value is None for a in case.alternatives_of("theirs"))


def test_the_migrated_file_takes_the_deal_terms(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    copy = FixtureCopy.make(2, tmp_path)
    case_file = opened(copy.path)
    case = case_file.case
    case_file.set_info(replace(case.info, their_cost_of_capital_pct=3.5))
    ours = next(a for a in case.alternatives if a.side == "ours")
    case_file.update(replace(ours, net_value=1_250_000.0))
    case_file.close()
    again = stored_case(copy.path)
    assert again.info.their_cost_of_capital_pct == 3.5
    assert next(a for a in again.alternatives if a.id == ours.id).net_value == 1_250_000.0


# -- migration 0004: the statement's basis (issue 13 #7) --------------------------------------


def test_a_schema_3_file_is_migrated_to_the_statement_basis_keeping_its_data(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """The committed v3 fixture opens with today's code: backed up, migration 0004 adds the
    statement's basis as a NULL column, and the case is the v3 case with no basis (its
    statement is checked by the guess until it is next edited)."""
    copy = FixtureCopy.make(3, tmp_path)
    v3 = copy.case
    assert MIGRATIONS[3][0] == "0004_statement_basis" and SCHEMA_VERSION >= 4
    assert "statement_basis" not in _columns(copy.path, "proposal")

    case_file = opened(copy.path)
    case = case_file.case
    case_file.close()

    assert case == v3 and case.proposal.statement_basis is None
    assert pragma(copy.path, "user_version") == SCHEMA_VERSION
    names = column(copy.path, "SELECT name FROM _sqlite_migrations ORDER BY id")
    assert names[3] == "0004_statement_basis"
    assert _columns(copy.path, "proposal")["statement_basis"] == ("TEXT", False, None)
    assert copy.backup.exists() and pragma(copy.backup, "user_version") == 3


def test_the_bases_of_the_proposals_words_are_kept_in_the_file_not_in_the_json(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """The statement's basis (its column) and a term's (in the scenario's terms) survive a
    reopen; the JSON interchange leaves both out, as it does a talking point's."""
    from desktop_app.store.interchange import case_to_document

    copy = FixtureCopy.make(2, tmp_path)  # migrated through 0003 and 0004
    case_file = opened(copy.path)
    case = case_file.case
    statement_basis = "unit_price=46.5;payment_days=45.0"
    case_file.set_proposal(replace(case.proposal, statement_basis=statement_basis))
    scenario = case.proposal_scenario
    assert scenario is not None and scenario.terms
    term = replace(scenario.terms[0], basis="unit_price=455.0")
    case_file.update(replace(scenario, terms=(term, *scenario.terms[1:])))
    case_file.close()
    again = stored_case(copy.path)
    assert again.proposal.statement_basis == statement_basis
    stored_scenario = again.proposal_scenario
    assert stored_scenario is not None and stored_scenario.terms[0].basis == "unit_price=455.0"
    document = case_to_document(again)
    assert "statement_basis" not in document["proposal"]
    assert all("basis" not in t for s in document["scenarios"] for t in s["terms"])
