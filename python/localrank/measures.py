"""lr-analyze's measures (Sources/LocalRank/RankMeasures.swift), computed to the last bit.

Each mirrors the Swift arithmetic operation by operation: sums run in order (``np.cumsum``,
not numpy's pairwise ``sum``), the logarithm and exponential are the C library's
(``math.log``, ``math.exp``, which Swift calls too), and the mean and population standard
deviation over the probe inputs are MeasureSummary's. So a DataFrame built from the cache
equals ``lr-analyze --format json`` exactly, not just closely.
"""

import math

import numpy as np

# Of the Jacobians' singular values, read from the analysis cache.
SPECTRUM_MEASURES = ("local-rank", "relative-rank", "effective-rank", "stable-rank")
# Of the layers' weights: one SVD per layer and checkpoint, recomputed here.
WEIGHT_MEASURES = ("weight-spectral-norm", "weight-frobenius-norm", "weight-stable-rank")
# Of the layers' outputs on the probe inputs: a forward pass and an SVD in lr-analyze, not
# reproduced here to the last bit (see docs/python.md).
ACTIVATION_MEASURES = ("activation-effective-rank", "activation-rank")
THRESHOLDED = ("local-rank", "relative-rank", "activation-rank")


def ordered_sum(values, axis=-1):
    """The sum along `axis` added left to right, as Swift's `reduce(0, +)` adds (0 when empty)."""
    values = np.asarray(values, np.float64)
    if values.shape[axis] == 0:
        return np.zeros(np.delete(values.shape, axis), np.float64)
    return np.cumsum(values, axis=axis).take(-1, axis=axis)


def summarize(values):
    """MeasureSummary over the last axis (the probe inputs): the mean and the population
    standard deviation, each sum in order."""
    count = values.shape[-1]
    mean = ordered_sum(values) / count
    deviations = values - mean[..., None]
    return mean, np.sqrt(ordered_sum(deviations * deviations) / count)


def of_spectra(measure, spectra, epsilon):
    """`measure` of every spectrum in `spectra` [..., r] (descending singular values) at
    threshold `epsilon` (ignored by the measures that take none): an array [...]."""
    s = np.asarray(spectra, np.float64)
    r = s.shape[-1]
    if measure == "local-rank":
        return (s > epsilon).sum(axis=-1).astype(np.float64)
    if measure == "relative-rank":
        return (s > epsilon * s[..., :1]).sum(axis=-1).astype(np.float64) if r else np.zeros(s.shape[:-1])
    if measure == "effective-rank":
        return _effective_rank(s)
    if measure in ("stable-rank", "weight-stable-rank"):
        if r == 0:
            return np.zeros(s.shape[:-1])
        largest = s[..., 0]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = ordered_sum(s * s) / (largest * largest)
        return np.where(largest > 0, ratio, 0.0)
    if measure == "weight-spectral-norm":
        return s[..., 0] if r else np.zeros(s.shape[:-1])
    if measure == "weight-frobenius-norm":
        return np.sqrt(ordered_sum(s * s))
    raise ValueError(f"measure {measure!r} is not one read off singular values here "
                     f"(the cache's: {', '.join(SPECTRUM_MEASURES)}; the weights': {', '.join(WEIGHT_MEASURES)})")


def _effective_rank(s):
    """exp(−Σ p log p), p = σ/Σσ over the σ > 0; 0 where Σσ is not positive."""
    total = ordered_sum(s)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = s / total[..., None]
    positive = s > 0
    logs = np.zeros_like(s)
    logs[positive] = [math.log(x) if x > 0 else -math.inf for x in p[positive].tolist()]
    with np.errstate(invalid="ignore"):
        terms = np.where(positive, p * logs, 0.0)
    # Swift subtracts each term from the entropy in turn; −(t₁ + t₂ + …) in order is the same
    # number, negation being exact.
    entropy = -ordered_sum(terms)
    exp = np.array([math.exp(x) if x == x else math.nan for x in entropy.reshape(-1).tolist()]).reshape(entropy.shape)
    return np.where(total > 0, exp, 0.0)


def weight_spectrum(weight):
    """The singular values of one layer's weights [out, in], descending, as lr-analyze takes
    them: LAPACK gesdd on the float64 matrix, handed over in its row-major layout (which
    LAPACK reads as the transpose)."""
    return np.linalg.svd(np.asarray(weight, np.float64).T, compute_uv=False)
