"""The few statistics the report computes itself (the final-phase verdicts are not among
them: `lr-analyze` judges those). Pure functions over plain numbers, tested in
paper/tests/test_statistics.py."""

import math


def average_ranks(values):
    """Ranks 0..n-1 of `values`, ties sharing the average of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2
        i = j + 1
    return result


def pearson(a, b):
    """Pearson's correlation; None when a series is constant or shorter than 2."""
    if len(a) != len(b):
        raise ValueError("series of different lengths")
    n = len(a)
    if n < 2:
        return None
    ma, mb = sum(a) / n, sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = sum((x - ma) ** 2 for x in a)
    vb = sum((y - mb) ** 2 for y in b)
    if va == 0 or vb == 0:
        return None
    return cov / math.sqrt(va * vb)


def spearman(a, b):
    """Spearman's rank correlation (Pearson's on average ranks, so ties are handled);
    None when either series is constant or has fewer than 2 values."""
    if len(a) != len(b):
        raise ValueError("series of different lengths")
    return pearson(average_ranks(a), average_ranks(b))


def first_extreme(values, lowest=True):
    """(value, index) of the lowest (or highest) value, its first occurrence."""
    best = min(values) if lowest else max(values)
    return best, values.index(best)


def nearest_steps(steps, targets):
    """For each target step, the index of the checkpoint nearest to it on a log scale
    (step 0 stands for itself only); repeated indices are dropped, order kept."""
    chosen = []
    for target in targets:
        if target == 0:
            candidates = [i for i, s in enumerate(steps) if s == 0]
        else:
            candidates = sorted((abs(math.log10(s / target)), i) for i, s in enumerate(steps) if s > 0)
            candidates = [candidates[0][1]] if candidates else []
        for i in candidates[:1]:
            if i not in chosen:
                chosen.append(i)
    return chosen


def decade_targets(last_step):
    """0, 1, 10, 100, ... up to the last step, and the last step itself."""
    targets, power = [0], 1
    while power < last_step:
        targets.append(power)
        power *= 10
    targets.append(last_step)
    return targets


def threshold_split(values, flags):
    """Whether a threshold on `values` separates the flagged items from the others.

    Returns ("above", low, high) when every flagged value is greater than every other
    (so any threshold in (low, high] separates them: low is the largest unflagged value,
    high the smallest flagged one), ("below", low, high) when every flagged value is
    smaller, and None when no threshold does, when either side is empty, or a value is None.
    """
    if any(v is None for v in values):
        return None
    flagged = [v for v, f in zip(values, flags) if f]
    others = [v for v, f in zip(values, flags) if not f]
    if not flagged or not others:
        return None
    if min(flagged) > max(others):
        return ("above", max(others), min(flagged))
    if max(flagged) < min(others):
        return ("below", max(flagged), min(others))
    return None


def load_summary(rows):
    """What else used the CPU, from paper/cpu_load.py's samples [(ours %, others %,
    {name: %})]: None without samples."""
    if not rows:
        return None
    ours = [r[0] for r in rows]
    others = [r[1] for r in rows]
    names = {}
    for _, _, busiest in rows:
        for name, used in busiest.items():
            names[name] = names.get(name, 0.0) + used / len(rows)
    return {
        "samples": len(rows),
        "ours_mean": sum(ours) / len(ours),
        "others_mean": sum(others) / len(others),
        "others_max": max(others),
        "busy_share": sum(o >= 50 for o in others) / len(others),
        "busiest": sorted(names.items(), key=lambda x: -x[1])[:4],
    }


def steps_per_second(timings):
    """Mean training speed of runs [(steps, seconds)], per run (one core each); None when
    no run took measurable time."""
    speeds = [s / t for s, t in timings if t > 0]
    return sum(speeds) / len(speeds) if speeds else None
