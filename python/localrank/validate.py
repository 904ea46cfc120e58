"""Turn what a user hands the writer into the values run format v1 stores, or raise a
TypeError or ValueError that names the argument and the problem.

Array arguments take anything numpy.asarray accepts (numpy arrays, lists, JAX arrays,
``tensor.detach().cpu()``).
"""

import math
import operator

import numpy as np

from . import layout


def layer_sizes(sizes):
    """[n_0, ..., n_L] as ints: at least two, all positive."""
    if isinstance(sizes, (str, bytes)):
        raise TypeError(f"layer_sizes {sizes!r}: expected a list of integers like [784, 200, 10]")
    try:
        values = [integer(n, "layer_sizes entry") for n in sizes]
    except TypeError as error:
        raise TypeError(f"layer_sizes {sizes!r}: {error}") from None
    if len(values) < 2 or min(values) < 1:
        raise ValueError(f"layer_sizes {values}: need at least two positive widths (input, then each layer's output)")
    return values


def sizes_from_weights(weights):
    """[n_0, ..., n_L] from L weight matrices in [out, in] layout, checking that each layer's
    input width is the previous layer's output width."""
    shapes = [tuple(np.shape(w)) for w in weights]
    if not shapes:
        raise ValueError("no weight matrices")
    for l, shape in enumerate(shapes):
        if len(shape) != 2:
            raise ValueError(f"weights[{l}] has shape {shape}; expected a matrix [out, in]")
        if l > 0 and shape[1] != shapes[l - 1][0]:
            raise ValueError(f"weights[{l}] has shape {shape} = [out, in], but weights[{l - 1}] has {shapes[l - 1][0]} "
                             f"outputs: the shapes do not chain{_transposed_hint(shapes)}")
    return [shapes[0][1]] + [shape[0] for shape in shapes]


def activation_names(names, layer_count):
    """L activation names from relu, tanh, identity; the last layer's must be identity."""
    if isinstance(names, str) or not _is_sequence(names):
        raise TypeError(f"activations {names!r}: expected a list of {layer_count} names, one per layer, "
                        f"like {['relu'] * (layer_count - 1) + ['identity']}")
    names = list(names)
    if len(names) != layer_count:
        raise ValueError(f"activations {names}: {len(names)} names for {layer_count} layers")
    for l, name in enumerate(names):
        if name not in layout.ACTIVATIONS:
            raise ValueError(f"activations[{l}] = {name!r}: expected one of {', '.join(layout.ACTIVATIONS)}"
                             + (" ('linear' is 'identity')" if name == "linear" else ""))
    if names[-1] != "identity":
        raise ValueError(f"activations[{layer_count - 1}] = {names[-1]!r}: the last layer's must be 'identity' "
                         "(its pre-activation is the output; put softmax or sigmoid in the loss)")
    return names


def task(name):
    """"regression" or "classification"."""
    if name not in layout.TASKS:
        raise ValueError(f"task {name!r}: expected 'regression' or 'classification'")
    return name


def probe_inputs(x, input_width):
    """The probe inputs as float32 [N, n_0], N >= 1."""
    x = float_array(x, "probe_x", np.float32)
    if x.ndim != 2 or x.shape[1] != input_width or x.shape[0] < 1:
        raise ValueError(f"probe_x has shape {x.shape}; expected [N, n_0] = [N, {input_width}] with N >= 1")
    return x


def probe_targets(y, task_name, count, output_width):
    """Classification: int64 labels [N] in 0..n_L-1. Regression: float32 targets [N, n_y]
    (a vector [N] is one target per input)."""
    if task_name == layout.CLASSIFICATION:
        return _labels(y, count, output_width)
    y = float_array(y, "probe_y", np.float32)
    if y.ndim == 1:
        y = y.reshape(-1, 1)
    if y.ndim != 2 or y.shape[0] != count:
        raise ValueError(f"probe_y has shape {y.shape}; regression expects targets [N, n_y] with N = {count}")
    return y


def _labels(y, count, classes):
    raw = np.asarray(y)
    if raw.ndim == 2 and raw.shape[1] > 1:
        raise ValueError(f"probe_y has shape {raw.shape}; classification expects integer labels [N] "
                         "(for one-hot targets pass y.argmax(axis=1))")
    raw = raw.reshape(-1) if raw.ndim == 2 else raw
    if not _is_real(raw.dtype):
        raise TypeError(f"probe_y has dtype {raw.dtype}; classification expects integer labels")
    if np.issubdtype(raw.dtype, np.floating) and not np.all(raw == np.round(raw)):
        raise ValueError("probe_y holds non-integer values; classification expects integer labels")
    labels = raw.astype(np.int64)
    if labels.shape != (count,):
        raise ValueError(f"probe_y has shape {raw.shape}; classification expects labels [N] with N = {count}")
    if labels.min() < 0 or labels.max() >= classes:
        raise ValueError(f"probe_y labels span {labels.min()}..{labels.max()}; the output has {classes} classes "
                         f"(0..{classes - 1})")
    return labels


def joint_covariance(matrix, data_name, width):
    """The Gaussian data's joint covariance as float64 [n_0+n_y, n_0+n_y], or None.
    lr-analyze requires it when data_name is "gaussian"."""
    if matrix is None:
        if data_name == layout.GAUSSIAN_DATA_NAME:
            raise ValueError(f"data_name {data_name!r} needs joint_covariance, the [n_0+n_y, n_0+n_y] "
                             "covariance of (x, y); use another name for other data")
        return None
    matrix = float_array(matrix, "joint_covariance", np.float64)
    if matrix.shape != (width, width):
        raise ValueError(f"joint_covariance has shape {matrix.shape}; expected [n_0+n_y, n_0+n_y] = {(width, width)}")
    return matrix


def probe_source(split):
    """The split the probe inputs come from: None, "train" or "test"."""
    if split is not None and split not in layout.PROBE_SOURCES:
        raise ValueError(f"probe_source = {split!r}: expected one of {', '.join(layout.PROBE_SOURCES)} or None")
    return split


def input_standardization(pair):
    """(mean, std) as two float64 numbers with std > 0, or None."""
    if pair is None:
        return None
    try:
        mean, std = pair
    except (TypeError, ValueError):
        raise TypeError(f"input_standardization = {pair!r}: expected a pair (mean, std)") from None
    mean, std = real(mean, "input_standardization mean"), real(std, "input_standardization std")
    if not std > 0:
        raise ValueError(f"input_standardization std = {std}: expected a positive number")
    return np.float64(mean), np.float64(std)


def layer_parameters(weights, biases, sizes):
    """The weights as float32 [n_{l+1}, n_l] and the biases as float32 [n_{l+1}] (None: zeros),
    one per layer."""
    count = len(sizes) - 1
    for name, values in (("weights", weights), ("biases", biases)):
        if not _is_sequence(values) or len(values) != count:
            got = f"{len(values)} entries" if _is_sequence(values) else type(values).__name__
            raise ValueError(f"{name}: expected a list of {count} arrays, one per layer, got {got}")
    ws, bs = [], []
    for l, (w, b) in enumerate(zip(weights, biases)):
        out_in = (sizes[l + 1], sizes[l])
        w = float_array(w, f"weights[{l}]", np.float32)
        if w.shape != out_in:
            hint = (" (it looks transposed: pass W.T; Keras and JAX kernels are [in, out])"
                    if w.shape == out_in[::-1] else "")
            raise ValueError(f"weights[{l}] has shape {w.shape}; layer {l} maps {sizes[l]} inputs to {sizes[l + 1]} "
                             f"outputs, so expected [out, in] = {out_in}{hint}")
        b = np.zeros(sizes[l + 1], np.float32) if b is None else float_array(b, f"biases[{l}]", np.float32)
        if b.shape != (sizes[l + 1],):
            raise ValueError(f"biases[{l}] has shape {b.shape}; expected [out] = ({sizes[l + 1]},)")
        ws.append(w)
        bs.append(b)
    return ws, bs


def float_array(value, name, dtype):
    """value as a numpy array of dtype; TypeError for anything that is not real numbers.
    NaN and infinity pass: lr-analyze reports such checkpoints as non-finite."""
    try:
        array = np.asarray(value)
    except Exception as error:  # e.g. a tensor that still requires grad
        raise TypeError(f"{name}: cannot be read as an array ({error}); pass a numpy array "
                        "(for a PyTorch tensor: tensor.detach().cpu())") from None
    if not _is_real(array.dtype):
        raise TypeError(f"{name}: expected real numbers, got an array of dtype {array.dtype}")
    return array.astype(dtype)


def real(value, name):
    """value as a Python float (numpy scalars, 0-d arrays and tensors included); NaN passes."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} = {value!r}: expected a number")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} = {value!r}: expected a number") from None


def integer(value, name):
    """value as a Python int; floats (even 3.0) and booleans are refused."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} {value!r} is not an integer")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name} {value!r} is not an integer") from None


def non_negative(value, name):
    """An integer >= 0 (a step or a count of steps)."""
    value = integer(value, name)
    if value < 0:
        raise ValueError(f"{name} = {value} is negative")
    return value


def positive(value, name):
    """A real number > 0."""
    value = real(value, name)
    if not value > 0:
        raise ValueError(f"{name} = {value} must be positive")
    return value


def int64(value, name):
    """An integer that fits HDF5's int64, as lr-train stores it."""
    value = integer(value, name)
    if not -2 ** 63 <= value < 2 ** 63:
        raise ValueError(f"{name} = {value} does not fit in int64")
    return value


def metric_names(names, task_name):
    """The task's required metrics, then the extra ones named (no duplicates, no bookkeeping)."""
    required = list(layout.required_metrics(task_name))
    extra = [] if names is None else list(names)
    for name in extra:
        if not isinstance(name, str) or not name or "/" in name:
            raise ValueError(f"metric name {name!r}: expected a non-empty string without '/'")
        if name in layout.BOOKKEEPING:
            raise ValueError(f"metric name {name!r} is reserved: epoch and wall_time are append()'s own arguments")
    return required + [name for name in dict.fromkeys(extra) if name not in required]


def training_attributes(settings, total_steps):
    """The /training attributes: every setting as a string, as lr-train stores them
    (booleans as true/false), with total_steps as "steps"."""
    attributes = {}
    for key, value in dict(settings or {}).items():
        if not isinstance(key, str) or not key:
            raise TypeError(f"training setting name {key!r}: expected a non-empty string")
        attributes[key] = ("true" if value else "false") if isinstance(value, (bool, np.bool_)) else str(value)
    if total_steps is not None:
        steps = str(non_negative(total_steps, "total_steps"))
        if attributes.get(layout.TRAINING_STEPS, steps) != steps:
            raise ValueError(f"total_steps = {steps} but training['steps'] = {attributes['steps']!r}")
        attributes[layout.TRAINING_STEPS] = steps
    return attributes


def metric_values(metrics, names):
    """One float per declared metric name (NaN for those not given, as lr-train does)."""
    if metrics is None:
        metrics = {}
    if not hasattr(metrics, "items"):
        raise TypeError(f"metrics: expected a dict of name -> number, got {type(metrics).__name__}")
    unknown = [name for name in metrics if name not in names]
    if unknown:
        raise ValueError(f"metrics {unknown} were not declared: pass metrics={names + unknown} to RunWriter "
                         "(the file's datasets are all created before SWMR writing starts)")
    return {name: real(metrics[name], f"metrics[{name!r}]") if name in metrics else math.nan for name in names}


def _is_real(dtype):
    """Integers or floats; booleans, complex numbers, strings and objects are not."""
    return dtype != np.bool_ and (np.issubdtype(dtype, np.integer) or np.issubdtype(dtype, np.floating))


def _is_sequence(value):
    return hasattr(value, "__len__") and hasattr(value, "__getitem__") and not isinstance(value, (str, bytes))


def _transposed_hint(shapes):
    chained = all(shapes[l][0] == shapes[l - 1][1] for l in range(1, len(shapes)))
    return " (they chain as [in, out]: pass each W.T; Keras and JAX kernels are [in, out])" if chained else ""
