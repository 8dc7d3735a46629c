"""The value (qualitative) view: options judged by each side's weighted criteria (SPEC §2).

V(option) = 100·Σ ŵ_c·s_c/10 with ŵ the side's normalised weights; a missing score counts
as 0. EV(alternative) = p·V. A side's value BATNA is its alternative with the highest EV
(ties: the first in case order) among those that can be carried out: an alternative with
feasibility 0 is never a BATNA (it is listed, and ``left_out`` names it).

The leverage index states no verdict while scores that enter it are missing (an alternative's
on its side's criteria, the proposal's on both sides' criteria): it is None with the reason
"incomplete: N scores missing", since a missing score counting as 0 can swing it by tens of
points.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from desktop_app.analysis.results import OptionValue, Robustness, SideValue, ValueView
from desktop_app.analysis.robustness import robustness
from desktop_app.domain.model import Case, Criterion, Scenario, Side
from desktop_app.i18n import N_, _, ngettext

SIDE_WORDS = {"ours": "our", "theirs": "their"}
#: Why a side's value is unknown, whole for each side.
_NO_CRITERIA = {"ours": N_("our side has no criteria"), "theirs": N_("their side has no criteria")}
_ZERO_WEIGHTS = {
    "ours": N_("every weight of our criteria is zero"),
    "theirs": N_("every weight of their criteria is zero"),
}
_NONE_FEASIBLE = {
    "ours": N_("every alternative of our side has feasibility 0"),
    "theirs": N_("every alternative of their side has feasibility 0"),
}
_NO_ALTERNATIVES = {
    "ours": N_("our side has no alternatives listed"),
    "theirs": N_("their side has no alternatives listed"),
}
_GAIN_UNKNOWN = {"ours": N_("our gain is unknown"), "theirs": N_("their gain is unknown")}


def normalised_weights(criteria: Sequence[Criterion]) -> dict[str, float] | None:
    """ŵ_c = w_c / Σw, or None when the side has no criteria or every weight is zero."""
    total = math.fsum(c.weight for c in criteria)
    if not criteria or total <= 0.0:
        return None
    return {c.id: c.weight / total for c in criteria}


def option_value(weights: Mapping[str, float], scores: Mapping[str, float]) -> float:
    """V = 100·Σ ŵ_c·s_c/10, points 0–100."""
    return 10.0 * math.fsum(w * scores.get(cid, 0.0) for cid, w in weights.items())


def side_value(case: Case, side: Side, proposal: Scenario | None) -> SideValue:
    criteria = case.criteria_of(side)
    weights = normalised_weights(criteria)
    if weights is None:
        missing = _(_NO_CRITERIA[side]) if not criteria else _(_ZERO_WEIGHTS[side])
        return SideValue(side, False, missing, (), (), None, None, None, None, None)
    options: list[OptionValue] = []
    batna: OptionValue | None = None
    for alt in case.alternatives_of(side):
        value = option_value(weights, alt.scores)
        option = OptionValue(
            alt.id, "alternative", alt.name, value, alt.feasibility, alt.feasibility * value
        )
        options.append(option)
        if alt.feasibility > 0.0 and (
            batna is None or option.expected_value > batna.expected_value
        ):
            batna = option
    for scenario in case.scenarios:
        value = option_value(weights, scenario.scores)
        options.append(OptionValue(scenario.id, "scenario", scenario.name, value, None, value))
    proposal_value = option_value(weights, proposal.scores) if proposal is not None else None
    gain = None
    if proposal_value is not None and batna is not None:
        gain = proposal_value - batna.expected_value
    left_out = tuple(a.id for a in case.alternatives_of(side) if a.feasibility <= 0.0)
    reason: str | None = None
    if proposal is None:
        reason = _("there is no proposal scenario yet")
    elif batna is None and left_out:
        reason = _(_NONE_FEASIBLE[side])
    elif batna is None:
        reason = _(_NO_ALTERNATIVES[side])
    sturdiness: Robustness | None = None
    if side == "theirs" and gain is not None and proposal is not None and batna is not None:
        sturdiness = robustness(case, criteria, weights, proposal, gain, batna.id)
    return SideValue(
        side=side,
        available=True,
        reason=reason,
        weights=tuple(weights.items()),
        options=tuple(options),
        batna_alternative=batna.id if batna else None,
        batna_value=batna.expected_value if batna else None,
        proposal_value=proposal_value,
        gain=gain,
        robustness=sturdiness,
        left_out=left_out,
    )


def missing_scores(case: Case, proposal: Scenario | None) -> int:
    """Scores that enter the leverage index and are not given yet."""
    count = sum(
        1
        for alt in case.alternatives
        for criterion in case.criteria_of(alt.side)
        if criterion.id not in alt.scores
    )
    if proposal is not None:
        count += sum(1 for c in case.criteria if c.id not in proposal.scores)
    return count


def value_view(case: Case) -> ValueView:
    proposal = case.proposal_scenario
    theirs = side_value(case, "theirs", proposal)
    ours = side_value(case, "ours", proposal)
    missing = missing_scores(case, proposal)
    leverage, reason = None, None
    if theirs.gain is None or ours.gain is None:
        unknown = theirs if theirs.gain is None else ours
        reason = unknown.reason or _(_GAIN_UNKNOWN[unknown.side])
    elif missing:
        reason = ngettext(
            "incomplete: {n} score missing", "incomplete: {n} scores missing", missing
        ).format(n=missing)
    else:
        leverage = theirs.gain - ours.gain
    return ValueView(
        theirs=theirs, ours=ours, leverage=leverage, leverage_reason=reason, missing_scores=missing
    )
