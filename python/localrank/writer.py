"""RunWriter: writes a run file (run format v1) checkpoint by checkpoint while training runs.

The file is laid out as lr-train lays it out (Sources/RunFormat/RunWriter.swift): every
object is created up front, then SWMR writing starts, so that `lr-analyze --follow` and
h5py readers opened with swmr=True see each checkpoint as soon as it is committed.
"""

import contextlib
import datetime
import math
import os
import time
import uuid

import h5py
import numpy as np

from . import failures, layers as layer_stack, layout, network, validate
from ._version import __version__


class RunWriter:
    """Writes one training run to an HDF5 run file that lr-analyze reads.

    Use it as a context manager::

        with RunWriter("run.h5", layer_sizes=[784, 200, 10], activations=["relu", "identity"],
                       task="classification", probe_x=x[:512], probe_y=y[:512],
                       total_steps=10_000) as run:
            run.append(0, weights, biases, {"train_loss": ..., "test_loss": ..., "test_accuracy": ...})
            ...

    Arguments:
        path: the run file to create.
        layer_sizes: [n_0, ..., n_L], the input width, then each layer's output width; None for
            a convolutional network (derived from its layers).
        activations: L names (relu, tanh, identity) applied after each layer; the last is identity.
            In a convolutional network, one per dense or conv2d layer.
        layers, input_shape: a convolutional network (architecture "cnn"): its layer dicts
            (localrank.layers: dense, conv2d, max-pool, average-pool, flatten) on inputs of
            shape (C, H, W); probe_x rows are then the inputs flattened in C-H-W order.
        task: "regression" or "classification".
        probe_x: [N, n_0], the inputs at which local rank is measured.
        probe_y: their targets: [N, n_y] (regression) or integer labels [N] (classification).
        metrics: names of further float metrics append() will be given, beyond the required
            train_loss, test_loss (and test_accuracy for classification).
        store_activations: also store the probe pre-activations of every checkpoint
            (/activations/<l>, computed here with numpy).
        total_steps: the planned number of updates, stored as /training@steps; lr-analyze
            --follow stops once the checkpoint of that step is in.
        steps_per_epoch: when given, a checkpoint's epoch defaults to step / steps_per_epoch.
        training: further training settings (learning rate, batch size, ...), stored as
            /training string attributes.
        data_name, data_seed, n_train, n_test, data_source: describe the data (/data attributes).
        probe_source: "train", "test" or "all" (every example, training first), the split the probe inputs come from (optional).
        input_standardization: (mean, std) when the inputs were standardized as (x - mean) / std;
            probe_x is then given standardized.
        joint_covariance: [n_0+n_y, n_0+n_y] covariance of (x, y), required when data_name is
            "gaussian".
        producer: the /@producer attribute; defaults to this package's name and version.
        overwrite: replace an existing file instead of raising FileExistsError.

    Bad arguments raise TypeError or ValueError before the file is created. A failed write
    (a full disk, a quota, an I/O error) raises localrank.RunWriteError, an OSError that names
    the file and the cause: the file keeps every checkpoint committed before (a file that
    had none is not left behind), and the writer writes nothing more.
    """

    def __init__(self, path, layer_sizes, activations, task, probe_x, probe_y, *, layers=None, input_shape=None, metrics=None,
                 store_activations=False, total_steps=None, steps_per_epoch=None, training=None,
                 data_name="custom", data_seed=0, n_train=0, n_test=0, data_source="",
                 probe_source=None, input_standardization=None, joint_covariance=None, producer=None, overwrite=False):
        self.stack = _layer_stack(layers, input_shape, layer_sizes)
        sizes = validate.layer_sizes(layer_sizes if self.stack is None else self.stack.layer_sizes)
        self.layer_sizes = sizes
        self.activations = validate.activation_names(activations, len(sizes) - 1)
        self.task = validate.task(task)
        self.metric_names = validate.metric_names(metrics, self.task)
        self.store_activations = bool(store_activations)
        self.steps_per_epoch = (None if steps_per_epoch is None
                                else validate.positive(steps_per_epoch, "steps_per_epoch"))
        self.total_steps = None if total_steps is None else validate.non_negative(total_steps, "total_steps")
        self.probe_x = validate.probe_inputs(probe_x, sizes[0])
        self.probe_y = validate.probe_targets(probe_y, self.task, len(self.probe_x), sizes[-1])
        target_width = 1 if self.task == layout.CLASSIFICATION else self.probe_y.shape[1]
        header = dict(
            data_name=_text(data_name, "data_name"), data_seed=validate.int64(data_seed, "data_seed"),
            n_train=validate.int64(n_train, "n_train"), n_test=validate.int64(n_test, "n_test"),
            data_source=_text(data_source, "data_source"),
            probe_source=validate.probe_source(probe_source),
            input_standardization=validate.input_standardization(input_standardization),
            joint_covariance=validate.joint_covariance(joint_covariance, data_name, sizes[0] + target_width),
            training=validate.training_attributes(training, total_steps),
            producer=_text(producer or f"localrank {__version__} (h5py {h5py.version.version})", "producer"))

        self.path = os.fspath(path)
        self.steps = []
        self._failure = None
        self._placed = False  # whether the file is at self.path yet
        # Every object created stays open while the writer lives: h5py would otherwise close
        # it when released, and closing writes what it buffers, outside any check.
        self._objects = []
        self._datasets = {}
        if not overwrite and os.path.exists(self.path):
            raise FileExistsError(f"{self.path} already exists; pass overwrite=True to replace it")
        # The header is written under a temporary name and moved into place once complete.
        staging = _staging_path(self.path)
        try:
            self._file = h5py.File(staging, "w", libver=layout.LIBVER)
        except OSError as error:
            code = failures.error_code(error)
            if code is None:
                raise
            _remove(staging)
            raise failures.RunWriteError(self.path, code, 0) from None
        try:
            with self._writing():
                self._write_header(**header)
                failures.synchronize(self._file)
            _move_into_place(staging, self.path, overwrite)
            self._placed = True
            self._file.swmr_mode = True
        except BaseException:
            if self._failure is None:
                self._file.close()
            _remove(staging)
            raise
        self._start = time.monotonic()

    @property
    def checkpoint_count(self):
        """The number of checkpoints committed so far."""
        return len(self.steps)

    @property
    def closed(self):
        return self._failure is not None or not self._file.id.valid

    def append(self, step, weights, biases, metrics=None, *, epoch=None, wall_time=None):
        """Writes and commits one checkpoint.

        step: updates done (0: the initialization); strictly increasing across calls.
        weights: L matrices in [out, in] layout (PyTorch's Linear.weight; Keras kernels
            need .T), anything numpy.asarray accepts. Stored as float32; NaN is kept.
            A conv2d layer's kernel is [out, in, kernel_h, kernel_w] (PyTorch's Conv2d.weight).
        biases: L vectors [out] (None for a layer without bias: zeros); a conv2d layer's [out_channels].
        metrics: {name: value} for train_loss, test_loss, test_accuracy (classification) and
            the metrics declared at creation; those left out are stored as NaN.
        epoch: epochs done (default: step / steps_per_epoch if that was given, else NaN).
        wall_time: seconds since training started (default: since this writer was created).
        """
        if self._failure is not None:
            raise self._failure from None
        if self.closed:
            raise ValueError(f"{self.path}: the run writer is closed")
        step = self._next_step(step)
        ws, bs = (validate.layer_parameters(weights, biases, self.layer_sizes) if self.stack is None
                  else self.stack.parameters(weights, biases))
        values = validate.metric_values(metrics, self.metric_names)
        values["epoch"] = self._epoch(step) if epoch is None else validate.real(epoch, "epoch")
        values["wall_time"] = (time.monotonic() - self._start if wall_time is None
                               else validate.real(wall_time, "wall_time"))
        preactivations = self._preactivations(ws, bs) if self.store_activations else None
        self._commit(step, ws, bs, preactivations, values)

    def close(self):
        """Ends SWMR writing and closes the file; the checkpoints committed stay readable.
        After a failed write it does nothing (the file is left as the failure left it)."""
        if not self.closed:
            with self._writing():
                self._file.flush()
            self._file.close()

    @contextlib.contextmanager
    def _writing(self):
        """Turns a refused write into RunWriteError, abandoning the file (failures)."""
        try:
            yield
        except (OSError, RuntimeError, ValueError) as error:
            code = failures.error_code(error)
            if code is None:
                raise
            failures.abandon(self._file)
            if self._placed and not self.steps:
                _remove(self.path)  # a run without a checkpoint is of no use
            self._failure = failures.RunWriteError(self.path, code, len(self.steps))
            raise self._failure from None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def __repr__(self):
        state = "closed" if self.closed else "open"
        return f"<RunWriter {self.path!r} layers {self.layer_sizes}, {self.checkpoint_count} checkpoints, {state}>"

    # --- Writing ------------------------------------------------------------------------------

    def _write_header(self, data_name, data_seed, n_train, n_test, data_source, probe_source,
                      input_standardization, joint_covariance, training, producer):
        """Every attribute and dataset, in lr-train's order; the [C, ...] datasets start empty."""
        f = self._file
        f.attrs[layout.ATTR_FORMAT] = layout.FORMAT
        f.attrs[layout.ATTR_FORMAT_VERSION] = np.int64(layout.FORMAT_VERSION)
        f.attrs[layout.ATTR_PRODUCER] = producer
        f.attrs[layout.ATTR_CREATED] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        f.attrs[layout.ATTR_HDF5_VERSION] = h5py.version.hdf5_version

        model = self._keep(f.create_group(layout.MODEL))
        model.attrs[layout.ATTR_ARCHITECTURE] = layout.ARCHITECTURE_MLP if self.stack is None else layout.ARCHITECTURE_CNN
        if self.stack is not None:
            model.attrs[layout.ATTR_LAYERS] = self.stack.to_json()
            model.attrs[layout.ATTR_INPUT_SHAPE] = np.asarray(self.stack.input_shape, dtype=np.int64)
        model.attrs[layout.ATTR_LAYER_SIZES] = np.asarray(self.layer_sizes, dtype=np.int64)
        model.attrs[layout.ATTR_ACTIVATIONS] = np.array(self.activations, dtype=h5py.string_dtype())
        model.attrs[layout.ATTR_WEIGHT_LAYOUT] = layout.WEIGHT_LAYOUT_OUT_IN

        data = self._keep(f.create_group(layout.DATA))
        data.attrs[layout.ATTR_DATA_NAME] = data_name
        data.attrs[layout.ATTR_TASK] = self.task
        data.attrs[layout.ATTR_SEED] = np.int64(data_seed)
        data.attrs[layout.ATTR_TRAIN_COUNT] = np.int64(n_train)
        data.attrs[layout.ATTR_TEST_COUNT] = np.int64(n_test)
        data.attrs[layout.ATTR_SOURCE] = data_source
        if probe_source is not None:
            data.attrs[layout.ATTR_PROBE_SOURCE] = probe_source
        if input_standardization is not None:
            data.attrs[layout.ATTR_INPUT_MEAN], data.attrs[layout.ATTR_INPUT_STD] = input_standardization
        if joint_covariance is not None:
            self._keep(f.create_dataset(layout.JOINT_COVARIANCE, data=joint_covariance))
        self._keep(f.create_dataset(layout.PROBE_INPUTS, data=self.probe_x))
        self._keep(f.create_dataset(layout.PROBE_TARGETS, data=self.probe_y))

        self._create_growing(layout.STEPS, np.int64, ())
        for name in ("epoch", "wall_time", *sorted(self.metric_names)):
            self._create_growing(layout.metric(name), np.float64, ())
        sizes, count = self.layer_sizes, len(self.probe_x)
        for l in range(len(sizes) - 1):
            stack = self.stack
            self._create_growing(layout.weight(l), np.float32,
                                 (sizes[l + 1], sizes[l]) if stack is None else stack.weight_shape(l))
            self._create_growing(layout.bias(l), np.float32, (sizes[l + 1] if stack is None else stack.bias_width(l),))
            if self.store_activations:
                self._create_growing(layout.activations(l), np.float32, (count, sizes[l + 1]))

        group = self._keep(f.create_group(layout.TRAINING))
        for key, value in sorted(training.items()):
            group.attrs[key] = value

    def _keep(self, item):
        self._objects.append(item)
        return item

    def _create_growing(self, path, dtype, row_shape):
        """An empty [C, *row_shape] dataset: unlimited first axis, one checkpoint per chunk."""
        self._datasets[path] = self._file.create_dataset(
            path, shape=(0, *row_shape), maxshape=(None, *row_shape), dtype=dtype, chunks=(1, *row_shape),
            fillvalue=layout.UNWRITTEN_STEP if path == layout.STEPS else None, **layout.CHECKPOINT_FILTERS)

    def _commit(self, step, weights, biases, preactivations, values):
        """lr-train's commit order: every other row, flush, then /checkpoints/step, flush.
        A reader (or a writer killed in between) sees either the whole checkpoint or none."""
        f, d, row = self._file, self._datasets, len(self.steps)
        with self._writing():
            for l, (w, b) in enumerate(zip(weights, biases)):
                _write_row(d[layout.weight(l)], row, w)
                _write_row(d[layout.bias(l)], row, b)
                if preactivations is not None:
                    _write_row(d[layout.activations(l)], row, preactivations[l])
            _write_row(d[layout.EPOCHS], row, values["epoch"])
            _write_row(d[layout.WALL_TIMES], row, values["wall_time"])
            for name in sorted(self.metric_names):  # HDF5's name order, as lr-train iterates them
                _write_row(d[layout.metric(name)], row, values[name])
            failures.synchronize(f)  # the rows on the disk before the step commits them
            _write_row(d[layout.STEPS], row, step)
            # The step's chunk before the extent that shows it: a failed chunk write must not
            # leave a row that reads as the fill value, 0.
            d[layout.STEPS].id.flush()
            f.flush()
        self.steps.append(step)

    # --- Checks and derived values ------------------------------------------------------------

    def _next_step(self, step):
        step = validate.non_negative(step, "step")
        if self.steps and step <= self.steps[-1]:
            raise ValueError(f"step {step} is not after the last checkpoint's step {self.steps[-1]}: "
                             "steps must increase")
        if self.total_steps is not None and step > self.total_steps:
            raise ValueError(f"step {step} is past total_steps = {self.total_steps}")
        return step

    def _epoch(self, step):
        return math.nan if self.steps_per_epoch is None else step / self.steps_per_epoch

    def _preactivations(self, weights, biases):
        """z_l on the probe as float32, from the float32 values stored (NaN weights give NaN rows)."""
        with np.errstate(all="ignore"):
            layers = (network.preactivations(weights, biases, self.activations, self.probe_x) if self.stack is None
                      else self.stack.preactivations(weights, biases, self.activations, self.probe_x))
        return [z.astype(np.float32) for z in layers]


def _layer_stack(layers, input_shape, layer_sizes):
    """The convolutional network's LayerStack, or None for an MLP."""
    if layers is None:
        if input_shape is not None:
            raise ValueError("input_shape describes a convolutional network: pass its layers too")
        return None
    if input_shape is None:
        raise ValueError("layers describe a convolutional network: pass its input_shape (C, H, W) too")
    stack = layer_stack.LayerStack(input_shape, layers)
    if layer_sizes is not None and list(layer_sizes) != stack.layer_sizes:
        raise ValueError(f"layer_sizes {list(layer_sizes)}: the layers give {stack.layer_sizes} (pass None)")
    return stack


def _staging_path(path):
    """A hidden name beside `path` (the same file system, so that moving it is atomic)."""
    directory, name = os.path.split(path)
    return os.path.join(directory, f".{name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")


def _move_into_place(staging, path, overwrite):
    """Renames the finished header to `path`; without `overwrite` a file that appeared there
    meanwhile is kept and FileExistsError raised."""
    if overwrite:
        os.replace(staging, path)
        return
    try:
        os.link(staging, path)
    except FileExistsError:
        raise FileExistsError(f"{path} already exists; pass overwrite=True to replace it") from None
    os.unlink(staging)


def _remove(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _write_row(dataset, row, values):
    """Writes row `row` of a [C, ...] dataset, growing it first unless a failed earlier
    attempt at this checkpoint already did (that row is then overwritten, as lr-train does)."""
    if dataset.shape[0] <= row:
        dataset.resize(row + 1, axis=0)
    dataset[row] = values


def _text(value, name):
    if not isinstance(value, str):
        raise TypeError(f"{name} = {value!r}: expected a string")
    return value
