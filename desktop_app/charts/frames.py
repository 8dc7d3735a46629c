"""Length-prefixed pickled messages between the app and its chart worker (two processes of the
same program on a private pipe; nothing else reads or writes it)."""

from __future__ import annotations

import struct
from typing import IO, Any

_LENGTH = struct.Struct("!Q")


def pickled(message: Any) -> bytes:
    """``message`` as a frame's bytes (``write_data`` writes them)."""
    import pickle  # at the first message, not while the app starts

    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def write_frame(stream: IO[bytes], message: Any) -> None:
    write_data(stream, pickled(message))


def write_data(stream: IO[bytes], data: bytes) -> None:
    """A message pickled already (``pickled``): the same bytes may go to several streams."""
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)
    stream.flush()


def _exactly(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if data is None or len(data) != size:
        raise EOFError("the other side closed the pipe")
    return data


def read_frame(stream: IO[bytes]) -> Any:
    """The next message; ``EOFError`` when the other side is gone."""
    (size,) = _LENGTH.unpack(_exactly(stream, _LENGTH.size))
    import pickle  # once a message arrives: the reader thread waits from the app's first moment

    return pickle.loads(_exactly(stream, size))
