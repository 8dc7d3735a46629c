"""The dataclasses' generated methods kept between starts (``desktop_app.code_cache``): a class
made from the kept code is the one Python makes, a second start compiles none of the case
model's methods, and a file that is damaged, too open or someone else's is not read."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_app import code_cache
from desktop_app.code_cache import CodeCache

ROOT = Path(__file__).resolve().parents[1]


def _make_classes() -> dict[str, Any]:
    """A frozen dataclass with defaults, a factory, ordering and a slotted one, and what each
    of their generated methods answers."""

    @dataclasses.dataclass(frozen=True, order=True)
    class Offer:
        price: float
        terms: tuple[str, ...] = ()
        notes: list[str] = dataclasses.field(default_factory=list, compare=False)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Risk:
        name: str
        impact: float = 1.5

    low, high = Offer(50.0, ("net 60",)), Offer(51.0)
    outcome: dict[str, Any] = {
        "repr": [repr(low), repr(Risk("strike"))],
        "eq": [low == Offer(50.0, ("net 60",), ["other"]), low == high],
        "hash": hash(Risk("strike")) == hash(Risk("strike")),
        "order": low < high,
        "replace": repr(dataclasses.replace(low, price=49.5)),
        "factory": Offer(1.0).notes == [] and Offer(1.0).notes is not Offer(1.0).notes,
        "slots": hasattr(Risk("x"), "__dict__"),
    }
    for instance in (low, Risk("strike")):
        try:
            setattr(instance, dataclasses.fields(instance)[0].name, 0.0)
        except dataclasses.FrozenInstanceError as error:
            outcome.setdefault("frozen", []).append(str(error))
    return outcome


def test_a_class_made_from_the_kept_code_is_the_one_python_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _make_classes()  # as Python makes them (the tests do not install the cache)
    path = tmp_path / "code.marshal"
    first = CodeCache(path)
    monkeypatch.setattr(dataclasses, "exec", first.exec, raising=False)
    assert _make_classes() == expected
    assert first.compiled >= 8 and first.hits == 0
    first.save()
    second = CodeCache(path)
    monkeypatch.setattr(dataclasses, "exec", second.exec, raising=False)
    assert _make_classes() == expected
    assert second.compiled == 0 and second.hits == first.compiled


def _start(folder: Path, switch: str = "") -> dict[str, int]:
    script = (
        "import json\n"
        "from desktop_app import code_cache\n"
        "cache = code_cache.install()\n"
        "import desktop_app.domain, desktop_app.store\n"
        "code_cache.save()\n"
        "print(json.dumps({'hits': cache.hits if cache else -1, 'compiled': cache.compiled "
        "if cache else -1}))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(folder), code_cache.SWITCH_ENV: switch}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, int] = json.loads(done.stdout)
    return result


def test_a_second_start_compiles_none_of_the_case_models_methods(tmp_path: Path) -> None:
    first = _start(tmp_path)
    assert first["hits"] == 0 and first["compiled"] >= 100  # ~35 classes, ~5 methods each
    assert _start(tmp_path) == {"hits": first["compiled"], "compiled": 0}
    saved = code_cache.cache_path(tmp_path / "leverage")
    assert saved.stat().st_mode & 0o777 == 0o600
    assert _start(tmp_path, "off") == {"hits": -1, "compiled": -1}


def _kept_file(tmp_path: Path) -> Path:
    path = tmp_path / "code.marshal"
    cache = CodeCache(path)
    cache.exec("def kept(): return 1", {}, {})
    cache.save()
    assert CodeCache(path).entries
    return path


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"\x00not marshal at all"),
        lambda path: path.write_bytes(b""),
        lambda path: path.write_bytes(b"\xe9" + b"\xff" * 40),
        lambda path: path.chmod(0o666),  # others may write code the app would run
        lambda path: path.chmod(0o620),
    ],
)
def test_a_damaged_or_open_file_is_not_read(tmp_path: Path, damage: Any) -> None:
    path = _kept_file(tmp_path)
    damage(path)
    cache = CodeCache(path)
    assert cache.entries == {}
    namespace: dict[str, Any] = {}
    cache.exec("def made(): return 2", {}, namespace)  # compiled as usual
    assert namespace["made"]() == 2


def test_a_damaged_entry_is_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    path.write_bytes(marshal.dumps({"def kept(): return 1": b"\xe9 not code"}))
    path.chmod(0o600)
    cache = CodeCache(path)
    namespace: dict[str, Any] = {}
    cache.exec("def kept(): return 1", {}, namespace)
    assert namespace["kept"]() == 1 and cache.compiled == 1
    cache.save()
    assert CodeCache(path).entries["def kept(): return 1"] != b"\xe9 not code"


def test_a_file_of_someone_else_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _kept_file(tmp_path)
    monkeypatch.setattr(os, "getuid", lambda: path.stat().st_uid + 1)
    assert CodeCache(path).entries == {}


def test_past_the_limit_a_save_keeps_what_the_run_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(code_cache, "MAX_ENTRIES", 3)
    path = tmp_path / "code.marshal"
    old = CodeCache(path)
    for index in range(4):
        old.exec(f"def old_{index}(): pass", {}, {})
    old.save()
    assert len(CodeCache(path).entries) == 4  # the limit applies when there is more
    run = CodeCache(path)
    run.exec("def old_0(): pass", {}, {})
    run.exec("def new(): pass", {}, {})
    run.save()
    assert set(CodeCache(path).entries) == {"def old_0(): pass", "def new(): pass"}


def test_a_cache_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    cache = CodeCache(blocked / "code.marshal")
    cache.exec("def made(): return 3", {}, {})
    cache.save()  # no folder can be made: nothing is written, nothing raised
    assert cache.compiled == 1 and not (blocked / "code.marshal").exists()
