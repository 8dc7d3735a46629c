"""Table columns declared once: what a column shows, how it is edited, how text is read back.

A ``Column`` names a field of a domain entity and its kind; the table model, the editor
delegate and spreadsheet copy/paste all work from it, so a field is formatted, edited and
parsed the same way everywhere.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal[
    "text",  # one line
    "longtext",  # several lines
    "lines",  # a list of texts, one per line (pros, cons)
    "money",  # ≥ 0, in the case currency
    "optional_money",  # money or empty (None)
    "number",  # a plain float
    "int",
    "percent",  # stored in percent (annual_price_change_pct = -3)
    "fraction",  # stored as 0–1, shown and edited as percent (probability, feasibility)
    "choice",
    "bool",
    "score",  # 0–10
]

NUMERIC_KINDS = {"money", "optional_money", "number", "int", "percent", "fraction", "score"}


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: Kind = "text"
    tooltip: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label)
    minimum: float = 0.0
    maximum: float = 1e12
    decimals: int = 2
    editable: bool = True
    width: int | None = None
    get: Callable[[Any], Any] | None = None
    set: Callable[[Any, Any], Any] | None = None  # (entity, value) -> new entity

    def value(self, entity: Any) -> Any:
        return self.get(entity) if self.get else getattr(entity, self.field)

    def with_value(self, entity: Any, value: Any) -> Any:
        if self.set is not None:
            return self.set(entity, value)
        changes: dict[str, Any] = {self.field: value}
        return dataclasses.replace(entity, **changes)

    def label_of(self, value: Any) -> str:
        return next((label for stored, label in self.choices if stored == value), str(value))

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


def format_money(value: float | None, currency: str = "", decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    text = f"{value:,.{decimals}f}"
    return f"{text} {currency}".strip()


def format_money_error(
    value: float | None, error: float | None, currency: str = "", decimals: int = 0
) -> str:
    """A money figure with its Monte Carlo error, written like ``format_money``:
    ``"4,545,322 ± 33,805 EUR"``; without a usable error, just the figure."""
    if value is None or not math.isfinite(value):
        return "—"
    if error is None or not math.isfinite(error):
        return format_money(value, currency, decimals)
    return f"{value:,.{decimals}f} ± {error:,.{decimals}f} {currency}".strip()


def format_percent(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.{decimals}f} %"


def display_text(column: Column, value: Any, currency: str = "") -> str:
    """How a value reads in a cell."""
    kind = column.kind
    if value is None:
        return "—" if kind in NUMERIC_KINDS else ""
    if kind in ("money", "optional_money"):
        return format_money(value, currency, 0 if float(value).is_integer() else 2)
    if kind == "percent":
        return format_percent(value, column.decimals)
    if kind == "fraction":
        percent = round(100 * value, 9)  # 0.55 → 55 %, not 55.0 % (55.00000000000001)
        return format_percent(percent, 0 if percent.is_integer() else 1)
    if kind == "score":
        return f"{value:g}"
    if kind in ("number", "int"):
        return f"{value:,.{column.decimals if kind == 'number' else 0}f}"
    if kind == "choice":
        return column.label_of(value)
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "lines":
        return "\n".join(f"• {line}" for line in value)
    return str(value)


def export_text(column: Column, value: Any) -> str:
    """How a value is copied to a spreadsheet: plain, unformatted, parseable again."""
    if value is None:
        return ""
    if column.kind in NUMERIC_KINDS:
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    if column.kind == "bool":
        return "yes" if value else "no"
    if column.kind == "lines":
        return " | ".join(value)
    return str(value).replace("\t", " ").replace("\n", " ")


_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$")


def parse_number(text: str) -> float:
    """``"1,234.5"``, ``"1 234,5"``, ``"12 %"``, ``"EUR 455"`` → float; ValueError if not a
    number."""
    cleaned = re.sub(r"[A-Za-z€$£¥%\s\u00a0\u202f]", "", text.strip())
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "")  # 1,234.5
    elif cleaned.count(",") == 1 and len(cleaned.split(",")[1]) != 3:
        cleaned = cleaned.replace(",", ".")  # 12,5
    else:
        cleaned = cleaned.replace(",", "")  # 1,234
    if not _NUMBER.match(cleaned):
        raise ValueError(f"'{text.strip()}' is not a number")
    return float(cleaned)


def parse_text(column: Column, text: str) -> Any:
    """Read a pasted or typed value for ``column``; ValueError with a reason if impossible."""
    stripped = text.strip()
    kind = column.kind
    if kind == "optional_money" and stripped in ("", "—", "-"):
        return None
    if kind in ("money", "optional_money", "number", "score", "percent"):
        return parse_number(stripped)
    if kind == "fraction":
        number = parse_number(stripped)
        return number / 100 if ("%" in stripped or number > 1) else number
    if kind == "int":
        number = parse_number(stripped)
        if not number.is_integer():
            raise ValueError(f"'{stripped}' is not a whole number")
        return int(number)
    if kind == "bool":
        lowered = stripped.lower()
        if lowered in ("yes", "y", "true", "1", "x", "ja", "tak", "oui"):
            return True
        if lowered in ("no", "n", "false", "0", "", "nein", "nie", "non"):
            return False
        raise ValueError(f"'{stripped}' is not yes or no")
    if kind == "choice":
        for stored, label in column.choices:
            if stripped.lower() in (stored.lower(), label.lower()):
                return stored
        allowed = ", ".join(label for _, label in column.choices)
        raise ValueError(f"'{stripped}' is not one of {allowed}")
    if kind == "lines":
        return tuple(part.strip() for part in re.split(r"\s*\|\s*|\n", stripped) if part.strip())
    return text
