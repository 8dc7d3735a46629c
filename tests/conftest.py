"""Test-wide guards: no test may open a network connection, send a datagram to the network or
look up a name that could leave the machine (DNS).

Local sockets (AF_UNIX, which Qt and multiprocessing use), numeric addresses and the names of
this machine's loopback stay allowed, so Qt and child processes work as usual. Proved by
``tests/reliability/test_confidentiality.py``.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from typing import Any

import pytest

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_sendto = socket.socket.sendto
_real_lookups = {
    name: getattr(socket, name)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr")
}
LOCAL_NAMES = {"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _is_network(sock: socket.socket) -> bool:
    return sock.family in (socket.AF_INET, socket.AF_INET6)


def _refuse(what: str, target: Any) -> AssertionError:
    return AssertionError(f"a test tried to {what} {target!r}")


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if _is_network(self):
        raise _refuse("open a network connection to", address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> Any:
    if _is_network(self):
        raise _refuse("open a network connection to", address)
    return _real_connect_ex(self, address)


def _guarded_sendto(self: socket.socket, data: Any, *args: Any) -> Any:
    if _is_network(self):
        raise _refuse("send a datagram over the network to", args[-1] if args else None)
    return _real_sendto(self, data, *args)


def _stays_local(host: Any, *, reverse: bool) -> bool:
    """A lookup that needs no DNS: no name, a loopback name, a numeric address (for a
    reverse lookup, only a loopback address)."""
    if host is None:
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name.lower().rstrip(".") in LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    return address.is_loopback or not reverse


def _guarded_lookup(name: str) -> Any:
    real = _real_lookups[name]
    reverse = name == "gethostbyaddr"

    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _stays_local(host, reverse=reverse):
            raise _refuse("look up the network name", host)
        return real(host, *args, **kwargs)

    return lookup


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = _guarded_sendto  # type: ignore[method-assign]
    for name in _real_lookups:
        setattr(socket, name, _guarded_lookup(name))
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = _real_sendto  # type: ignore[method-assign]
    for name, real in _real_lookups.items():
        setattr(socket, name, real)


@pytest.fixture(autouse=True, scope="session")
def _own_code_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The compiled dataclass methods (``desktop_app.code_cache``) that the app and the commands
    run here keep go to a folder of the test session, not the user's cache."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    saved = {name: os.environ.get(name) for name in ("XDG_CACHE_HOME", "LOCALAPPDATA")}
    os.environ.update(XDG_CACHE_HOME=str(folder), LOCALAPPDATA=str(folder))
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def qapp_cls() -> Any:
    """GUI tests run in the app's own application class (pytest-qt makes one per session)."""
    from desktop_app.ui.shell.app import LeverageApplication

    return LeverageApplication


@pytest.fixture(autouse=True, scope="session")
def _catalogues_compiled() -> None:
    """The compiled catalogues up to date with their sources (``make`` compiles them too)."""
    from desktop_app.i18n.catalogues import compile_all

    compile_all()


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English whatever the machine's LEVERAGE_LANG, and a test that
    switches the language (``main(["--lang", "de", …])`` in this process) leaves English."""
    from desktop_app.i18n import install

    monkeypatch.delenv("LEVERAGE_LANG", raising=False)
    yield
    install("en", None)


@pytest.fixture(name="german")
def _german() -> Iterator[None]:
    """The test speaks German (SPEC §12), English again after it."""
    from desktop_app.i18n.choose import use_language

    use_language("de")
    yield
    use_language("en")
