"""The 64-bit FNV-1a hashes lr-analyze keeps in an analysis cache (Sources/LocalRank/Fingerprint.swift),
recomputed here so that a cache row is used only for the weights it was computed from.

A word is a float32's bit pattern zero-extended to 64 bits, a float64's bit pattern, or a
count; an array is hashed as its length, then its words in order.
"""

import numpy as np

OFFSET_BASIS = 0xCBF2_9CE4_8422_2325
PRIME = 0x0000_0100_0000_01B3
_MASK = (1 << 64) - 1


def _words(values):
    """The words of a float32 or float64 array, flattened in C order, as uint64."""
    values = np.ascontiguousarray(values)
    if values.dtype == np.float32:
        return values.reshape(-1).view(np.uint32).astype(np.uint64)
    return np.asarray(values, np.float64).reshape(-1).view(np.uint64)


def identity(probe_inputs, layer_sizes, activations):
    """The cache's `run_identity` of a run: its float32 probe inputs, its layer sizes (hashed
    as float64) and its activations' names joined by commas, as a signed int64."""
    value = OFFSET_BASIS
    arrays = [_words(np.asarray(probe_inputs, np.float32)),
              _words(np.asarray(layer_sizes, np.float64)),
              np.frombuffer(",".join(activations).encode(), np.uint8).astype(np.uint64)]
    for words in arrays:
        for word in [len(words)] + words.tolist():
            value = ((value ^ word) * PRIME) & _MASK
    return value - (1 << 64) if value >= 1 << 63 else value


def checkpoints(steps, weights, biases):
    """The fingerprints (signed int64 [C]) of C checkpoints: `steps` [C], `weights` and `biases`
    per stored layer a float32 array [C, ...]. Hashed across the C checkpoints at once: FNV is
    sequential along the words, not across hashes."""
    steps = np.asarray(steps, np.int64)
    value = np.full(len(steps), OFFSET_BASIS, np.uint64)
    prime = np.uint64(PRIME)
    with np.errstate(over="ignore"):
        def combine(words):
            np.bitwise_xor(value, words, out=value)
            np.multiply(value, prime, out=value)

        combine(steps.view(np.uint64))
        for array in (a for pair in zip(weights, biases) for a in pair):
            rows = np.ascontiguousarray(np.asarray(array, np.float32).reshape(len(steps), -1))
            combine(np.uint64(rows.shape[1]))
            for column in np.ascontiguousarray(rows.view(np.uint32).T).astype(np.uint64):
                combine(column)
    return value.view(np.int64)
