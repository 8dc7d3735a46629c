"""One random stream per risk, and how the Monte Carlo reads it (SPEC §2 "Monte Carlo").

The stream
    A risk's stream is the bit generator ``PCG64(SeedSequence([simulation_seed, K_id]))``
    (the one ``numpy.random.Generator`` would wrap), K_id being the first 8 bytes of
    SHA-256(risk id, UTF-8) read as an unsigned big-endian integer.

The draw layout
    The stream's raw 64-bit outputs are read in order. Output number ``y·n + i`` (n =
    ``simulation_runs``) belongs to occurrence slot ``y`` of run ``i``; a ``per_contract``
    risk has one slot, a ``per_year`` risk one per contract year (slot y = year y + 1).
    From that word w:

    * occurrence uniform  u = (⌊w / 2³²⌋ + ½) / 2³²     — the occurrence happens when u < p
    * impact uniform      v = ((w mod 2³²) + ½) / 2³²   — the impact is F⁻¹(v) (triangular)

    So every slot consumes exactly one word whatever the probability and impacts: moving a
    probability or an impact (sensitivity, a scenario's override) re-uses the very same
    draws, and slot y of run i is the same word for a 3-year and a 5-year scenario, so a
    longer contract only adds occurrences. Reading is sequential, so processing runs in
    chunks of any size gives exactly the same numbers as reading them all at once.

    Both uniforms have 32-bit resolution (steps of 2.3·10⁻¹⁰), far below Monte Carlo noise,
    and half the draws of two 64-bit uniforms per slot.
"""

from __future__ import annotations

import hashlib

import numpy as np
import numpy.typing as npt

from desktop_app.analysis.triangular import FloatArray, inverse_cdf

WordArray = npt.NDArray[np.uint64]

_TWO_32 = float(2**32)
_LOW_MASK = np.uint64(0xFFFFFFFF)


def stream_key(risk_id: str) -> int:
    """K_id: the first 8 bytes of SHA-256 of the risk id, as an unsigned integer."""
    return int.from_bytes(hashlib.sha256(risk_id.encode("utf-8")).digest()[:8], "big")


def risk_stream(seed: int, risk_id: str) -> np.random.PCG64:
    """The risk's own bit generator, positioned at its first word."""
    return np.random.PCG64(np.random.SeedSequence([seed, stream_key(risk_id)]))


def read_words(stream: np.random.PCG64, count: int) -> WordArray:
    """The next ``count`` raw 64-bit outputs of the stream."""
    words: WordArray = np.asarray(stream.random_raw(count), dtype=np.uint64)
    return words


def occurrence_threshold(probability: float) -> int:
    """T such that u < p exactly when ⌊w / 2³²⌋ < T, i.e. when w < T·2³².

    u < p ⟺ hi + ½ < p·2³² (both sides exact in binary floating point), so T is the number
    of 32-bit values hi with hi + ½ < p·2³²: ceil(p·2³² − ½), clamped to [0, 2³²].
    """
    if probability <= 0.0:
        return 0
    scaled = probability * _TWO_32 - 0.5
    return int(min(max(np.ceil(scaled), 0.0), _TWO_32))


def occurring(words: WordArray, threshold: int) -> npt.NDArray[np.intp]:
    """Indices of the words whose occurrence uniform is under the probability."""
    if threshold <= 0:
        return np.empty(0, dtype=np.intp)
    if threshold >= 2**32:
        return np.arange(words.shape[0], dtype=np.intp)
    return np.flatnonzero(words < np.uint64(threshold << 32))


def impact_uniforms(words: WordArray) -> FloatArray:
    """The impact uniforms v = ((w mod 2³²) + ½) / 2³² of the given words."""
    low_bits = (words & _LOW_MASK).astype(np.float64)
    uniforms: FloatArray = (low_bits + 0.5) / _TWO_32
    return uniforms


def impacts(
    words: WordArray, low: float, likely: float, high: float, cap: float | None
) -> FloatArray:
    """The (capped) loss of each occurrence whose word is given."""
    values = inverse_cdf(impact_uniforms(words), low, likely, high)
    if cap is not None:
        np.minimum(values, cap, out=values)
    return values
