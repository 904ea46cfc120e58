"""The layer vocabulary of a "cnn" run (schemas/run-format-v1.md, "Convolutional networks").

A cnn run's /model@layers is a JSON list of layer objects, on an input of shape (C, H, W):

    {"kind": "conv2d", "in_channels": 1, "out_channels": 8, "kernel_size": [3, 3], "stride": [1, 1], "padding": [1, 1]}
    {"kind": "max-pool", "window": [2, 2], "stride": [2, 2]}      (also "average-pool")
    {"kind": "flatten"}
    {"kind": "dense", "in_features": 392, "out_features": 10}

Weights follow PyTorch: conv2d kernels [out, in, kernel_h, kernel_w] (OIHW), dense [out, in],
and flatten reads (C, H, W) in C-H-W order (torch.flatten). "Layer l" elsewhere in the file
counts the dense and conv2d layers only. These rules mirror Sources/RunFormat/LayerStack.swift.
"""

import json

import numpy as np

from . import layout, validate

WEIGHTED = ("dense", "conv2d")
POOLING = ("max-pool", "average-pool")


class LayerStack:
    """A list of layer objects checked to chain from input_shape (C, H, W).

    Layers are given as dicts in the file's spelling; a kernel, window, stride or padding may
    be one integer for both axes, and writers may leave out a conv2d's stride (1) and padding
    (0) and a pool's stride (its window), as PyTorch does. Problems raise ValueError naming
    the layer by its position and kind.
    """

    def __init__(self, input_shape, layers):
        shape = tuple(_positive(n, "input_shape entry") for n in _sequence(input_shape, "input_shape"))
        if len(shape) != 3:
            raise ValueError(f"input_shape {shape}: expected (C, H, W)")
        self.input_shape = shape
        self.layers = [_normalized(layer, k) for k, layer in enumerate(_sequence(layers, "layers"))]
        if not any(layer["kind"] in WEIGHTED for layer in self.layers):
            raise ValueError("layers: holds no dense or conv2d layer")
        self.shapes = [shape]  # shapes[k]: what layer k reads
        flat = False
        for k, layer in enumerate(self.layers):
            _check_placement(self.layers, k)
            self.shapes.append(_output_shape(layer, self.shapes[k], flat, k))
            flat = layer["kind"] in ("flatten", "dense")
        self.weighted = [k for k, layer in enumerate(self.layers) if layer["kind"] in WEIGHTED]

    @property
    def layer_sizes(self):
        """/model@layer_sizes: C·H·W, then each dense or conv2d layer's pre-activation size."""
        return [_count(self.input_shape)] + [_count(self.shapes[k + 1]) for k in self.weighted]

    def weight_shape(self, l):
        """The shape of layer l's weight: [out, in], or a conv2d layer's [out, in, kh, kw]."""
        layer = self.layers[self.weighted[l]]
        if layer["kind"] == "conv2d":
            return (layer["out_channels"], layer["in_channels"], *layer["kernel_size"])
        return (layer["out_features"], layer["in_features"])

    def bias_width(self, l):
        """Layer l's bias width: out_features, or a conv2d layer's out_channels."""
        layer = self.layers[self.weighted[l]]
        return layer["out_channels"] if layer["kind"] == "conv2d" else layer["out_features"]

    def parameters(self, weights, biases):
        """The weights and biases as float32 arrays of each dense or conv2d layer's shape (a
        bias None: zeros), or ValueError naming the first that does not fit."""
        count = len(self.weighted)
        for name, values in (("weights", weights), ("biases", biases)):
            if not hasattr(values, "__len__") or isinstance(values, (str, bytes)) or len(values) != count:
                raise ValueError(f"{name}: expected a list of {count} arrays, one per dense or conv2d layer")
        ws, bs = [], []
        for l, (w, b) in enumerate(zip(weights, biases)):
            shape, width = self.weight_shape(l), self.bias_width(l)
            w = validate.float_array(w, f"weights[{l}]", np.float32)
            if w.shape != tuple(shape):
                raise ValueError(f"weights[{l}] has shape {w.shape}; layer {l} ({self.layers[self.weighted[l]]['kind']}) "
                                 f"expects {tuple(shape)}")
            b = np.zeros(width, np.float32) if b is None else validate.float_array(b, f"biases[{l}]", np.float32)
            if b.shape != (width,):
                raise ValueError(f"biases[{l}] has shape {b.shape}; expected ({width},)")
            ws.append(w)
            bs.append(b)
        return ws, bs

    def to_json(self):
        """/model@layers."""
        return json.dumps(self.layers)

    def preactivations(self, weights, biases, activations, x):
        """[z_0, ..., z_{L-1}] in float64, each [N, C_l·H_l·W_l] flattened C-H-W, for inputs
        x [N, C·H·W]; activation l follows weighted layer l."""
        a = np.asarray(x, np.float64).reshape((-1, *self.input_shape))
        out, l = [], 0
        for layer in self.layers:
            kind = layer["kind"]
            if kind == "flatten":
                a = a.reshape(len(a), -1)
            elif kind in POOLING:
                a = _pool(a, layer)
            else:
                w, b = np.asarray(weights[l], np.float64), np.asarray(biases[l], np.float64)
                z = a @ w.T + b if kind == "dense" else _convolve(a, w, b, layer)
                out.append(z.reshape(len(z), -1))
                a = _activate(activations[l], z)
                l += 1
        return out


def _normalized(layer, k):
    """The layer as the file stores it: every key present, pairs as [h, w] lists."""
    if not isinstance(layer, dict):
        raise TypeError(f"layer {k}: {layer!r} is not a dict")
    kind = layer.get("kind")
    if kind not in layout.LAYER_KINDS:
        raise ValueError(f"layer {k}: unknown kind {kind!r} (expected {', '.join(layout.LAYER_KINDS)})")
    allowed = {"kind", *layout.LAYER_KEYS[kind]}
    unknown = sorted(set(layer) - allowed)
    if unknown:
        raise ValueError(f"layer {k} ({kind}): unknown key {unknown[0]!r}")
    defaults = {"conv2d": {"stride": 1, "padding": 0}, "max-pool": {"stride": layer.get("window")},
                "average-pool": {"stride": layer.get("window")}}.get(kind, {})
    result = {"kind": kind}
    for key in layout.LAYER_KEYS[kind]:
        value = layer.get(key, defaults.get(key))
        if value is None:
            raise ValueError(f"layer {k} ({kind}): missing {key!r}")
        name = f"layer {k} ({kind}): {key!r}"
        result[key] = _pair(value, name, minimum=0 if key == "padding" else 1) if key in _PAIRS else _positive(value, name)
    return result


_PAIRS = ("kernel_size", "stride", "padding", "window")


def _check_placement(layers, k):
    kind = layers[k]["kind"]
    before, after = layers[:k], layers[k + 1:]
    if kind in POOLING:
        if not any(layer["kind"] in WEIGHTED for layer in before):
            raise ValueError(f"layer {k} ({kind}): pooling before the first dense or conv2d layer is not supported")
        previous = [layer["kind"] for layer in before if layer["kind"] != "flatten"]
        if previous and previous[-1] in POOLING:
            raise ValueError(f"layer {k} ({kind}): a second pooling layer in a row: at most one may sit between "
                             "two dense or conv2d layers")
    if kind not in WEIGHTED and not any(layer["kind"] in WEIGHTED for layer in after):
        raise ValueError(f"layer {k} ({kind}): the last layer must be dense or conv2d: its pre-activation is the "
                         "network's output")


def _output_shape(layer, shape, flat, k):
    kind = layer["kind"]
    c, h, w = shape
    if kind == "flatten":
        return (c * h * w, 1, 1)
    if kind == "dense":
        if not flat:
            raise ValueError(f"layer {k} (dense): needs a flat input, but reads {shape}: put a flatten layer before it")
        if layer["in_features"] != c * h * w:
            raise ValueError(f"layer {k} (dense): in_features is {layer['in_features']}, but its input has "
                             f"{c * h * w} values")
        return (layer["out_features"], 1, 1)
    if flat:
        raise ValueError(f"layer {k} ({kind}): needs a (C, H, W) input, but follows a flatten or dense layer")
    if kind == "conv2d":
        if layer["in_channels"] != c:
            raise ValueError(f"layer {k} (conv2d): in_channels is {layer['in_channels']}, but its input {shape} "
                             f"has {c} channels")
        (kh, kw), (sh, sw), (ph, pw) = layer["kernel_size"], layer["stride"], layer["padding"]
        out = (h + 2 * ph - kh, w + 2 * pw - kw)
        if min(out) < 0:
            raise ValueError(f"layer {k} (conv2d): kernel_size {[kh, kw]} does not fit its input {shape} "
                             f"with padding {[ph, pw]}")
        return (layer["out_channels"], out[0] // sh + 1, out[1] // sw + 1)
    (kh, kw), (sh, sw) = layer["window"], layer["stride"]
    if kh > h or kw > w:
        raise ValueError(f"layer {k} ({kind}): window {[kh, kw]} does not fit its input {shape}")
    return (c, (h - kh) // sh + 1, (w - kw) // sw + 1)


def _convolve(a, w, b, layer):
    """PyTorch's Conv2d forward in float64: a [N, C, H, W], w [O, C, kh, kw] -> [N, O, H', W']."""
    (sh, sw), (ph, pw) = layer["stride"], layer["padding"]
    padded = np.pad(a, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    o, _, kh, kw = w.shape
    height = (padded.shape[2] - kh) // sh + 1
    width = (padded.shape[3] - kw) // sw + 1
    out = np.empty((len(a), o, height, width))
    for i in range(height):
        for j in range(width):
            patch = padded[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]
            out[:, :, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out


def _pool(a, layer):
    (kh, kw), (sh, sw) = layer["window"], layer["stride"]
    height, width = (a.shape[2] - kh) // sh + 1, (a.shape[3] - kw) // sw + 1
    out = np.empty((*a.shape[:2], height, width))
    reduce = np.max if layer["kind"] == "max-pool" else np.mean
    for i in range(height):
        for j in range(width):
            out[:, :, i, j] = reduce(a[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw], axis=(2, 3))
    return out


def _activate(name, z):
    return np.maximum(z, 0.0) if name == "relu" else np.tanh(z) if name == "tanh" else z


def _count(shape):
    return int(np.prod(shape))


def _sequence(value, name):
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{name} {value!r}: expected a list")
    return list(value)


def _integer(value, name):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} is {value!r}, not an integer")
    return int(value)


def _positive(value, name):
    value = _integer(value, name)
    if value < 1:
        raise ValueError(f"{name} is {value}, expected a positive integer")
    return value


def _pair(value, name, minimum):
    values = [value, value] if isinstance(value, (int, np.integer)) and not isinstance(value, bool) else list(
        _sequence(value, name))
    if len(values) != 2:
        raise ValueError(f"{name} is {value!r}, expected an integer or [height, width]")
    values = [_integer(v, name) for v in values]
    if min(values) < minimum:
        raise ValueError(f"{name} is {values}, expected {'non-negative' if minimum == 0 else 'positive'} integers")
    return values
