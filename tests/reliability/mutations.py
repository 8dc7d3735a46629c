"""Hypothesis strategies for bad input: JSON case documents and case files, mutated.

A JSON document starts as a valid one (``tests.strategies.case_documents``) and gets a few
mutations anywhere in its tree — a key dropped or renamed, a value of the wrong type, NaN and
infinity, numbers too big for a float (``1e309``, ``10**400``), negative zero, text one
character too long, lone surrogates and control characters, deep nesting, duplicated ids,
references to nothing — then is written as JSON, sometimes cut short or with a BOM in front.

A case file starts as a real ``.leverage`` file and gets bytes flipped, a page scribbled on or
zeroed, its end cut off, or a header field (page size, schema version, application id…) set
to a random value.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import random
import struct
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from tests.strategies import case_documents

# -- JSON documents -------------------------------------------------------------------------

# Spelled into the JSON text as is: values Python's json module cannot write itself.
RAW_NUMBERS = ("1e309", "-1e309", "1" + "0" * 400, "-0", "1e-400", "-0.0e0", "9" * 30)
RAW = "\x00raw:"  # a placeholder string replaced by raw JSON text after dumping

SPECIAL_VALUES: tuple[Any, ...] = (
    math.nan,
    math.inf,
    -math.inf,
    -0.0,
    0,
    -1,
    1e308,
    5e-324,
    10**400,
    2**63,
    -(2**63) - 1,
    True,
    False,
    None,
    "",
    "   ",
    "x" * 10_001,
    "€" * 10_001,
    "a\x00b\x07c\x1bd\x7fe\x9f",
    "\ufeffBOM inside",
    "\ud800",
    "half \udfff pair",
    "\u202eright-to-left",
    "line\nbreak\ttab\r",
    [],
    {},
    [1, "2", None],
    {"nested": {"deeper": [1]}},
    "12",
    "NaN",
    "1e309",
)

ANY_TEXT = st.text(st.characters(codec=None), max_size=30)  # any code point, surrogates too
JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    ANY_TEXT,
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=8,
)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the tree (the root excluded), parents before children."""
    found: list[tuple[Any, ...]] = []
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        found.append((*here, key))
        found.extend(_paths(child, (*here, key)))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def _nested(depth: int, kind: str) -> str:
    if kind == "list":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


@st.composite
def replacement_values(draw: st.DrawFn) -> Any:
    choice = draw(st.integers(0, 4))
    if choice == 0:  # a copy: a later mutation must never change the shared list or dict
        return copy.deepcopy(draw(st.sampled_from(SPECIAL_VALUES)))
    if choice == 1:
        return RAW + draw(st.sampled_from(RAW_NUMBERS))
    if choice == 2:
        depth = draw(st.sampled_from([30, 500, 5_000, 100_000]))
        return RAW + _nested(depth, draw(st.sampled_from(["list", "object"])))
    if choice == 3:
        return draw(JSON_VALUES)
    return draw(ANY_TEXT)


@st.composite
def mutate(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    """One mutation of ``doc``, in place."""
    paths = _paths(doc)
    path = draw(st.sampled_from(paths))
    parent, key = _parent(doc, path), path[-1]
    action = draw(
        st.sampled_from(["drop", "set", "set", "set", "duplicate", "reference", "rename", "add"])
    )
    if action == "drop":
        del parent[key]
    elif action == "set":
        parent[key] = draw(replacement_values())
    elif action == "duplicate":  # the same entity twice: duplicate ids
        target = parent[key]
        if isinstance(target, list) and target:
            target.append(copy.deepcopy(draw(st.sampled_from(target))))
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(target))
        else:
            parent[key] = draw(replacement_values())
    elif action == "reference":
        # Point somewhere that does not exist, or at an id of the wrong kind.
        wrong = draw(st.sampled_from(["nowhere", "c0", "a0", "r0", "p0", "i0-0", "s0", ""]))
        if isinstance(parent, dict) and key in ("alternative_id", "id"):
            parent[key] = wrong
        elif isinstance(parent, dict) and isinstance(parent[key], dict):
            value = draw(st.sampled_from([5, 0.5, {"probability": 0.5}, None]))
            parent[key][wrong] = copy.deepcopy(value)
        elif isinstance(parent, dict) and isinstance(parent[key], list):
            parent[key].append(wrong)
        else:
            parent[key] = wrong
    elif action == "rename" and isinstance(parent, dict):
        parent[draw(ANY_TEXT)] = parent.pop(key)
    elif isinstance(parent, dict):
        parent[draw(ANY_TEXT)] = draw(replacement_values())
    else:
        parent.insert(key, draw(replacement_values()))


def _raw_text(value: Any) -> str:
    return value[len(RAW) :] if isinstance(value, str) and value.startswith(RAW) else ""


def to_json_text(doc: Any, *, ascii_only: bool) -> str:
    """JSON text of ``doc`` with every raw placeholder spelled out."""
    raws: list[str] = []

    def swap(node: Any) -> Any:
        if isinstance(node, str) and node.startswith(RAW):
            raws.append(_raw_text(node))
            return f"{RAW}{len(raws) - 1}"
        if isinstance(node, dict):
            return {k: swap(v) for k, v in node.items()}
        if isinstance(node, list):
            return [swap(v) for v in node]
        return node

    text = json.dumps(swap(doc), ensure_ascii=ascii_only)
    for number, raw in enumerate(raws):
        placeholder = json.dumps(f"{RAW}{number}", ensure_ascii=ascii_only)
        text = text.replace(placeholder, raw, 1)
    return text


@dataclass(frozen=True)
class BadJson:
    text: str
    note: str  # what was done, for the failure report

    def __repr__(self) -> str:
        shown = self.text if len(self.text) < 600 else self.text[:600] + "…"
        return f"BadJson({self.note}: {shown!r})"

    def _repr_pretty_(self, printer: Any, _cycle: bool) -> None:  # how hypothesis shows it
        printer.text(repr(self))


@st.composite
def bad_json(draw: st.DrawFn) -> BadJson:
    doc = draw(case_documents(max_items=3))
    count = draw(st.integers(0, 4))
    for _ in range(count):
        draw(mutate(doc))
    text = to_json_text(doc, ascii_only=draw(st.booleans()))
    cut = draw(st.sampled_from(["none"] * 6 + ["bom", "truncate", "insert", "control"]))
    if cut == "bom":
        text = "\ufeff" + text
    elif cut == "truncate":
        text = text[: draw(st.integers(0, max(0, len(text) - 1)))]
    elif cut == "insert":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(ANY_TEXT) + text[at:]
    elif cut == "control":
        at = draw(st.integers(0, max(0, len(text) - 1)))
        text = (
            text[:at] + draw(st.sampled_from(["\x00", "\x1b", "\x7f", "\u2028"])) + text[at + 1 :]
        )
    return BadJson(text, f"{count} mutation(s), {cut}")


@st.composite
def bad_json_bytes(draw: st.DrawFn) -> tuple[bytes, str]:
    """A file's bytes: the text as UTF-8 (lone surrogates kept as invalid bytes), maybe with a
    byte-order mark or a few bytes flipped."""
    bad = draw(bad_json())
    data = bad.text.encode("utf-8", "surrogatepass")
    how = draw(st.sampled_from(["plain"] * 4 + ["bom", "flip", "utf-16"]))
    if how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how == "flip" and data:
        rng = random.Random(draw(st.integers(0, 2**32)))
        buffer = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            buffer[rng.randrange(len(buffer))] ^= 1 << rng.randrange(8)
        data = bytes(buffer)
    elif how == "utf-16":
        data = bad.text.encode("utf-16", "surrogatepass")
    return data, f"{bad.note}, {how}"


# -- case files -----------------------------------------------------------------------------

# Offsets of the SQLite header's fields (https://sqlite.org/fileformat.html#the_database_header)
HEADER_FIELDS = {
    "page size": (16, ">H"),
    "write version": (18, ">B"),
    "read version": (19, ">B"),
    "reserved space": (20, ">B"),
    "payload fractions": (21, ">3s"),
    "change counter": (24, ">I"),
    "page count": (28, ">I"),
    "first freelist page": (32, ">I"),
    "freelist count": (36, ">I"),
    "schema cookie": (40, ">I"),
    "schema format": (44, ">I"),
    "cache size": (48, ">I"),
    "largest root page": (52, ">I"),
    "text encoding": (56, ">I"),
    "user version": (60, ">I"),
    "incremental vacuum": (64, ">I"),
    "application id": (68, ">I"),
    "version valid for": (92, ">I"),
    "sqlite version": (96, ">I"),
}
PAGE = 4096


@dataclass(frozen=True)
class Damaged:
    data: bytes
    note: str  # what was done, for the failure report

    def __repr__(self) -> str:
        digest = hashlib.sha256(self.data).hexdigest()[:12]
        return f"Damaged({len(self.data)} bytes, sha256 {digest}…: {self.note})"

    def _repr_pretty_(self, printer: Any, _cycle: bool) -> None:  # how hypothesis shows it
        printer.text(repr(self))


@st.composite
def damage(draw: st.DrawFn, data: bytes) -> Damaged:
    """``data`` (a case file) damaged in one to three ways."""
    buffer = bytearray(data)
    notes = []
    for _ in range(draw(st.integers(1, 3))):
        pages = max(1, len(buffer) // PAGE)
        kind = draw(
            st.sampled_from(["flip", "flip", "scribble", "zero", "truncate", "header", "swap"])
        )
        if not buffer:
            break
        if kind == "flip":
            for _ in range(draw(st.integers(1, 16))):
                at = draw(st.integers(0, len(buffer) - 1))
                buffer[at] ^= 1 << draw(st.integers(0, 7))
            notes.append("bits flipped")
        elif kind == "scribble":
            page = draw(st.integers(0, pages - 1))
            rng = random.Random(draw(st.integers(0, 2**32)))
            for _ in range(rng.randint(1, 200)):
                at = min(len(buffer) - 1, page * PAGE + rng.randrange(PAGE))
                buffer[at] = rng.randrange(256)
            notes.append(f"page {page + 1} scribbled on")
        elif kind == "zero":
            page = draw(st.integers(0, pages - 1))
            buffer[page * PAGE : (page + 1) * PAGE] = bytes(
                len(buffer[page * PAGE : (page + 1) * PAGE])
            )
            notes.append(f"page {page + 1} zeroed")
        elif kind == "truncate":
            del buffer[draw(st.integers(0, len(buffer) - 1)) :]
            notes.append(f"cut at {len(buffer)}")
        elif kind == "swap" and pages > 1:
            a, b = draw(st.integers(1, pages - 1)), draw(st.integers(1, pages - 1))
            first = bytes(buffer[a * PAGE : (a + 1) * PAGE])
            buffer[a * PAGE : (a + 1) * PAGE] = buffer[b * PAGE : (b + 1) * PAGE]
            buffer[b * PAGE : (b + 1) * PAGE] = first
            notes.append(f"pages {a + 1} and {b + 1} swapped")
        elif len(buffer) >= 100:
            name = draw(st.sampled_from(sorted(HEADER_FIELDS)))
            offset, form = HEADER_FIELDS[name]
            size = struct.calcsize(form)
            value = draw(
                st.one_of(
                    st.binary(min_size=size, max_size=size),
                    st.sampled_from([bytes(size), b"\xff" * size, (1).to_bytes(size, "big")]),
                )
            )
            buffer[offset : offset + size] = value
            notes.append(f"header {name} = {value.hex()}")
    return Damaged(bytes(buffer), ", ".join(notes) or "nothing")
