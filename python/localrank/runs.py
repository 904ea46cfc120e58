"""What the results loader reads of a run file (run format v1): its committed checkpoints,
metrics, settings and analyzed layers, and the weights their fingerprints and the weight
measures need. Mirrors what lr-analyze's RunReader and CheckpointNetwork.AnalyzedLayers read.
"""

from datetime import datetime

import numpy as np

from . import layout
from .reading import open_run


class AnalyzedLayers:
    """The layers whose measures are reported: every layer of an MLP; for a DVIB the encoder's
    layers up to the bottleneck, the last of which is the representation μ (its first K rows)."""

    def __init__(self, model):
        sizes = [int(n) for n in model.attrs[layout.ATTR_LAYER_SIZES]]
        activations = [_text(a) for a in model.attrs[layout.ATTR_ACTIVATIONS]]
        if _text(model.attrs.get(layout.ATTR_ARCHITECTURE, "mlp")) == "dvib":
            bottleneck = int(model.attrs["bottleneck_layer"])
            self.sizes = sizes[:bottleneck + 1] + [int(model.attrs["bottleneck_dim"])]
            self.names = [f"layer {l}" for l in range(bottleneck)] + ["mu"]
            self.stored_count = bottleneck + 1
        else:
            self.sizes, self.stored_count = sizes, len(sizes) - 1
            self.names = [f"layer {l}" for l in range(self.stored_count)]
        self.model_sizes, self.activations = sizes, activations

    @property
    def count(self):
        return len(self.sizes) - 1

    def width(self, layer):
        return self.sizes[layer + 1]


class RunContents:
    """One run file, read once: `steps`, `epochs`, `wall_times` [C] of its C committed
    checkpoints, `metrics` (name → float64 [C]), `settings` (name → value), `layers`,
    `started` (its `created` time, Unix seconds, or None) and `probe_inputs`."""

    def __init__(self, path, *, allow_external=False):
        self.path = str(path)
        with open_run(path, allow_external=allow_external) as f:
            steps = f[layout.STEPS][...]
            self.count = layout.committed_count(steps)
            self.steps = np.asarray(steps[:self.count], np.int64)
            self.epochs = self._column(f, "epoch")
            self.wall_times = self._column(f, "wall_time")
            self.metrics = {name: column for name in _metric_names(f)
                            if (column := self._column(f, name)) is not None}
            self.layers = AnalyzedLayers(f[layout.MODEL])
            self.settings = _settings(f)
            self.started = _unix_time(f.attrs.get(layout.ATTR_CREATED))
            self.probe_inputs = np.asarray(f[layout.PROBE_INPUTS][...], np.float32)
            self.probe_total = self.probe_inputs.shape[0]
        self._allow_external = allow_external

    def _column(self, f, name):
        """A float64 [C] column, or None when it holds fewer rows than the checkpoints (as
        lr-analyze leaves such a metric out)."""
        dataset = f.get(layout.metric(name))
        if dataset is None or dataset.ndim != 1 or dataset.shape[0] < self.count:
            return None
        return np.asarray(dataset[:self.count], np.float64)

    def stored_weights(self):
        """Per stored layer the analysis reads, (weights [C, out, in], biases [C, out]) as float32."""
        with open_run(self.path, allow_external=self._allow_external) as f:
            return [(np.asarray(f[layout.weight(l)][:self.count], np.float32),
                     np.asarray(f[layout.bias(l)][:self.count], np.float32))
                    for l in range(self.layers.stored_count)]

    def analyzed_weights(self, stored):
        """Per analyzed layer, (weights [C, n_{l+1}, n_l], biases [C, n_{l+1}]): μ keeps its rows."""
        sizes = self.layers.sizes
        return [(w.reshape(self.count, -1)[:, :sizes[l + 1] * sizes[l]].reshape(self.count, sizes[l + 1], sizes[l]),
                 b.reshape(self.count, -1)[:, :sizes[l + 1]])
                for l, (w, b) in enumerate(stored)]


def start_time(path, *, allow_external=False):
    """A run's `created` time in Unix seconds, or None when it has none that parses."""
    with open_run(path, allow_external=allow_external) as f:
        return _unix_time(f.attrs.get(layout.ATTR_CREATED))


def _metric_names(f):
    """Every numeric 1-D dataset in /checkpoints but step, epoch and wall_time, in HDF5's name order."""
    group = f[layout.CHECKPOINTS]
    names = []
    for name in group:
        item = group.get(name)
        if name in layout.BOOKKEEPING or not hasattr(item, "dtype"):
            continue
        if item.ndim == 1 and item.dtype.kind in "fiub":
            names.append(name)
    return names


def _settings(f):
    """The run's stored settings: every /training attribute (numbers parsed), and a DVIB's β."""
    settings = {}
    if layout.TRAINING in f:
        for name, value in f[layout.TRAINING].attrs.items():
            settings[name] = setting_value(value)
    model = f[layout.MODEL]
    if "beta" in model.attrs and "beta" not in settings:
        settings["beta"] = float(model.attrs["beta"])
    return settings


def setting_value(value):
    """A stored setting as a number where it is one (so that sweeps sort and plot
    numerically), else as text."""
    value = _text(value)
    if not isinstance(value, str):
        return value.item() if isinstance(value, np.generic) else value
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def _text(value):
    return value.decode() if isinstance(value, bytes) else value


def _unix_time(created):
    """`created` (ISO 8601, UTC) as Unix seconds, or None when absent or unreadable."""
    if created is None:
        return None
    try:
        return datetime.fromisoformat(_text(created).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None
