"""Pure edits of the risks' correlations (SPEC §9) and what is wrong with one before it is
made, in a consultant's words.

An entry has no id: its pair of risks is its key, and it is addressed by its position in
``Case.correlations``. ``pair_problem`` says, for a pair being added (or an entry being
changed), the first of the rules ``validate`` enforces on commit that it breaks: two
different risks of the register, one entry per pair, −0.95 ≤ rho ≤ 0.95, and a matrix that
can hold together (positive semi-definite, ``correlations.conflicting_pairs``). The store
still validates the case it commits; this only says why earlier, while the pair is chosen.
"""

from __future__ import annotations

from dataclasses import replace

from desktop_app.domain.correlations import conflicting_pairs
from desktop_app.domain.model import Case, Correlation
from desktop_app.i18n import _
from desktop_app.i18n.numbers import grouped

#: The range a correlation must lie in (the schema's ``Number(-0.95, 0.95)``).
RHO_LIMIT = 0.95


def rho_text(rho: float) -> str:
    """``0.90``, ``−0.45`` (a true minus sign; ``0,90`` in German)."""
    return grouped(0.0 if round(rho, 2) == 0 else rho, 2)


def risk_label(case: Case, risk_id: str) -> str:
    """The risk's name as the register shows it (its id when it has none)."""
    found = next((r for r in case.risks if r.id == risk_id), None)
    return (found.name or found.id) if found is not None else risk_id


def pair_names(case: Case, entry: Correlation) -> str:
    """``Recall–Stoppage``: the pair by the risks' names."""
    return f"{risk_label(case, entry.risk_a)}–{risk_label(case, entry.risk_b)}"


def pair_words(case: Case, entry: Correlation) -> str:
    """``Recall–Stoppage 0.50``: the pair and its correlation."""
    return f"{pair_names(case, entry)} {rho_text(entry.rho)}"


def index_of_pair(case: Case, risk_a: str, risk_b: str) -> int | None:
    """The position of the entry for the pair (in either order), or None."""
    pair = {risk_a, risk_b}
    return next((i for i, c in enumerate(case.correlations) if {c.risk_a, c.risk_b} == pair), None)


def add_correlation(case: Case, entry: Correlation) -> Case:
    return replace(case, correlations=(*case.correlations, entry))


def replace_correlation(case: Case, index: int, entry: Correlation) -> Case:
    items = list(case.correlations)
    if not 0 <= index < len(items):
        raise KeyError(f"correlations: no entry at {index}")
    items[index] = entry
    return replace(case, correlations=tuple(items))


def remove_correlations(case: Case, indexes: set[int] | frozenset[int]) -> Case:
    if any(not 0 <= i < len(case.correlations) for i in indexes):
        raise KeyError(f"correlations: no entry at {sorted(indexes)}")
    kept = tuple(c for i, c in enumerate(case.correlations) if i not in indexes)
    return replace(case, correlations=kept)


def pair_problem(case: Case, entry: Correlation, *, index: int | None = None) -> str | None:
    """Why ``entry`` cannot be added to the case's correlations (``index`` None) or put in
    place of the entry at ``index``, in a sentence; None when it can."""
    risks = {r.id for r in case.risks}
    for end in (entry.risk_a, entry.risk_b):
        if end not in risks:
            return _("There is no risk “{risk}” in the register.").format(risk=end)
    if entry.risk_a == entry.risk_b:
        return _("Pick two different risks: a risk cannot be correlated with itself.")
    if not -RHO_LIMIT <= entry.rho <= RHO_LIMIT:
        return _("A correlation must lie between {low} and {high} ({rho} is outside).").format(
            low=rho_text(-RHO_LIMIT), high=rho_text(RHO_LIMIT), rho=rho_text(entry.rho)
        )
    present = index_of_pair(case, entry.risk_a, entry.risk_b)
    if present is not None and present != index:
        held = case.correlations[present]
        return _(
            "{risk} and {other} already have a correlation ({rho}): change it in the list instead."
        ).format(
            risk=risk_label(case, entry.risk_a),
            other=risk_label(case, entry.risk_b),
            rho=rho_text(held.rho),
        )
    entries = list(case.correlations)
    if index is None:
        entries.append(entry)
    else:
        entries[index] = entry
    conflict = conflicting_pairs([(c.risk_a, c.risk_b, c.rho) for c in entries])
    if conflict:
        pairs = ", ".join(pair_words(case, entries[i]) for i in conflict)
        return _(
            "These pairs cannot hold together: {pairs} (the matrix is not positive "
            "semi-definite). Weaken one of them."
        ).format(pairs=pairs)
    return None
