"""Whether the risks' correlations can all hold at once (SPEC §9), in plain Python.

The entries ``(risk_a, risk_b, rho)`` make a matrix with 1 on the diagonal, rho at each pair
and 0 elsewhere; it must be positive semi-definite (PSD). The test is a Cholesky factorisation
of the matrix plus 10⁻⁹ on the diagonal: it succeeds exactly when the smallest eigenvalue is
above −10⁻⁹, so a matrix that is PSD up to rounding (a singular one) passes.

When it is not PSD, ``conflicting_pairs`` names the entries to blame by a rule a consultant
can follow: add the entries in the order given until the matrix first stops being PSD, then
drop, one at a time from the first, every earlier entry whose removal keeps it non-PSD. What
is left is a smallest conflicting set in the sense that matters at the table: every entry in
it is needed for the conflict, so weakening any one of them may resolve it (e.g. a–b 0.9,
b–c 0.9, a–c −0.9 are named together, and an unrelated pair never is).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Entry = tuple[str, str, float]

#: Added to the diagonal before factorising: what "semi-" allows for rounding.
TOLERANCE = 1e-9


def is_psd(entries: Sequence[Entry]) -> bool:
    """Whether the correlation matrix that ``entries`` make is positive semi-definite."""
    names = sorted({name for a, b, _ in entries for name in (a, b)})
    index = {name: i for i, name in enumerate(names)}
    size = len(names)
    matrix = [[1.0 + TOLERANCE if i == j else 0.0 for j in range(size)] for i in range(size)]
    for a, b, rho in entries:
        matrix[index[a]][index[b]] = matrix[index[b]][index[a]] = rho
    lower = [[0.0] * size for _ in range(size)]
    for j in range(size):
        pivot = matrix[j][j] - sum(lower[j][k] ** 2 for k in range(j))
        if pivot <= 0.0:
            return False
        lower[j][j] = math.sqrt(pivot)
        for i in range(j + 1, size):
            dot = sum(lower[i][k] * lower[j][k] for k in range(j))
            lower[i][j] = (matrix[i][j] - dot) / lower[j][j]
    return True


def conflicting_pairs(entries: Sequence[Entry]) -> tuple[int, ...]:
    """The indices (ascending) of a smallest set of entries that cannot hold together, by the
    rule of the module's docstring; ``()`` when the matrix is positive semi-definite."""
    if is_psd(entries):
        return ()
    last = next(n for n in range(1, len(entries) + 1) if not is_psd(entries[:n])) - 1
    kept = list(range(last + 1))
    for index in range(last):
        trial = [i for i in kept if i != index]
        if not is_psd([entries[i] for i in trial]):
            kept = trial
    return tuple(kept)
