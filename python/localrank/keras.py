"""A Keras 3 callback that writes a run file while ``model.fit`` trains.

    from localrank.keras import RunWriterCallback
    model.fit(x, y, epochs=5, batch_size=64,
              callbacks=[RunWriterCallback("run.h5", probe_x=x[:512], probe_y=y[:512],
                                           task="classification", schedule="log:40",
                                           train_data=(x, y), test_data=(x_test, y_test))])

The model must be a ``keras.Sequential`` of ``Dense`` layers whose activations are relu,
tanh or linear (the last one linear: use a from_logits loss). Steps count as lr-train counts
them: step s is the state after s updates, step 0 the initialization, and the last step is
always written. This module imports Keras; ``import localrank`` does not.
"""

import numpy as np

from . import layout, network
from ._version import __version__
from .schedule import CheckpointSchedule
from .writer import RunWriter

try:
    import keras
except ImportError as error:  # Keras missing, or its backend (KERAS_BACKEND) not installed
    raise ImportError(f"localrank.keras needs Keras 3 and a backend (pip install keras jax; "
                      f"export KERAS_BACKEND=jax): {error}") from error
if int(keras.__version__.split(".")[0]) < 3:
    raise ImportError(f"localrank.keras needs Keras 3, found Keras {keras.__version__}")

# Keras activation names and the run format's.
_ACTIVATIONS = {"relu": "relu", "tanh": "tanh", "linear": "identity"}


class RunWriterCallback(keras.callbacks.Callback):
    """Writes the weights of a Sequential of Dense layers at the schedule's steps.

    Arguments:
        path: the run file to write.
        probe_x, probe_y, task: as for RunWriter (inputs [N, n_0]; targets [N, n_y] or labels [N]).
        schedule: lr-train's checkpoint schedule: "every:N", "log:K", "none" or a list of steps.
        train_data, test_data: optional (x, y) pairs on which each checkpoint's train_loss,
            test_loss (and accuracies) are computed with numpy, as lr-train defines them
            (mean squared error; softmax cross-entropy on the logits). Left out: NaN.
        total_steps: the number of updates fit will make; default epochs x steps per epoch.
        training: further settings for /training (the optimizer's are added).
        Further keyword arguments go to RunWriter (data_name, n_train, store_activations,
        overwrite, ...).

    With steps_per_execution > 1, Keras reports batches in groups; a checkpoint due inside
    a group is written at the group's end, with that step.
    """

    def __init__(self, path, probe_x, probe_y, task, schedule="log:40", *, train_data=None,
                 test_data=None, total_steps=None, training=None, **writer_options):
        super().__init__()
        self.path, self.probe_x, self.probe_y, self.task = path, probe_x, probe_y, task
        self.schedule = CheckpointSchedule.parse(schedule)
        self.train_data = _pair(train_data, "train_data", task)
        self.test_data = _pair(test_data, "test_data", task)
        self.total_steps, self.training = total_steps, dict(training or {})
        self.writer_options = writer_options
        self.writer = None

    # --- Keras hooks --------------------------------------------------------------------------

    def on_train_begin(self, logs=None):
        layers = dense_layers(self.model)
        self._activations = [_activation(layer, l == len(layers) - 1) for l, layer in enumerate(layers)]
        self._step = self._epoch_base = int(_numpy(self.model.optimizer.iterations))
        total = self._total_steps()
        self._due = [s for s in self.schedule.steps(total) if s > self._step]
        steps_per_epoch = self.params.get("steps")
        self.writer = RunWriter(
            self.path, layer_sizes=layer_sizes(layers), activations=self._activations, task=self.task,
            probe_x=self.probe_x, probe_y=self.probe_y, total_steps=total, steps_per_epoch=steps_per_epoch,
            training={**self._settings(total), **self.training},
            producer=f"localrank {__version__} (Keras {keras.__version__}, {keras.backend.backend()})",
            metrics=self._extra_metrics(), **self.writer_options)
        self._write()

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch_base = self._step

    def on_train_batch_end(self, batch, logs=None):
        # batch is the index (within the epoch) of the last batch of this call.
        self._step = self._epoch_base + batch + 1
        if self._due and self._step >= self._due[0]:
            self._write()
            self._due = [s for s in self._due if s > self._step]

    def on_train_end(self, logs=None):
        if self.writer is None:
            return
        if self.writer.steps[-1] != self._step:  # stopped early: the last step is always written
            self._write()
        self.writer.close()

    # --- Checkpoints --------------------------------------------------------------------------

    def _write(self):
        """Appends the model's current weights (self.model syncs JAX's state first)."""
        weights, biases = parameters(dense_layers(self.model))
        metrics = {}
        for data, prefix in ((self.train_data, "train"), (self.test_data, "test")):
            if data is not None:
                with np.errstate(all="ignore"):  # NaN weights give NaN metrics, as in lr-train
                    metrics.update(network.evaluate(weights, biases, self._activations, self.task, *data, prefix))
        self.writer.append(self._step, weights, biases, metrics)

    def _extra_metrics(self):
        """lr-train also records the training accuracy of a classifier."""
        return ["train_accuracy"] if self.task == layout.CLASSIFICATION and self.train_data is not None else None

    def _total_steps(self):
        if self.total_steps is not None:
            return int(self.total_steps)
        epochs, steps = self.params.get("epochs"), self.params.get("steps")
        if not epochs or not steps:
            raise ValueError("RunWriterCallback: fit() does not know its number of steps per epoch; "
                             "pass total_steps= to the callback")
        return self._step + int(epochs) * int(steps)

    def _settings(self, total):
        """What /training records of a Keras run."""
        optimizer = self.model.optimizer
        settings = {"framework": f"keras {keras.__version__} ({keras.backend.backend()})",
                    "optimizer": type(optimizer).__name__.lower(), "checkpoints": str(self.schedule),
                    "epochs": self.params.get("epochs"), layout.TRAINING_STEPS: total}
        rate = getattr(optimizer, "learning_rate", None)
        rate = np.asarray(None) if rate is None else keras.ops.convert_to_numpy(getattr(rate, "value", rate))
        if rate.ndim == 0 and np.issubdtype(rate.dtype, np.floating):
            settings["learning_rate"] = str(rate[()])  # the float32's shortest form: "0.01", not 0.00999…
        return settings


def dense_layers(model):
    """The Dense layers of a Sequential model, refusing any other model or layer."""
    if not isinstance(model, keras.Sequential):
        raise TypeError(f"RunWriterCallback needs a keras.Sequential of Dense layers, got a {type(model).__name__}")
    layers = list(model.layers)
    for layer in layers:
        if not isinstance(layer, keras.layers.Dense):
            raise TypeError(f"layer {layer.name!r} is a {type(layer).__name__}; RunWriterCallback handles a "
                            "Sequential of Dense layers only (put activations in the Dense layers)")
    if not layers:
        raise ValueError("the model has no Dense layers")
    return layers


def layer_sizes(layers):
    """[n_0, ..., n_L] from the Dense kernels, which Keras stores [in, out]."""
    kernels = [tuple(layer.kernel.shape) for layer in layers]
    return [kernels[0][0]] + [kernel[1] for kernel in kernels]


def parameters(layers):
    """The weights in [out, in] layout and the biases (None where use_bias=False), as numpy."""
    weights, biases = [], []
    for layer in layers:
        weights.append(_numpy(layer.kernel).T)
        biases.append(_numpy(layer.bias) if layer.use_bias else None)
    return weights, biases


def _numpy(variable):
    """A Keras variable's value as numpy (Variable.numpy() warns under numpy 2)."""
    return keras.ops.convert_to_numpy(variable.value)


def _activation(layer, is_last):
    """The run-format name of a Dense layer's activation, from its config."""
    name = layer.get_config().get("activation")
    if is_last and name != "linear":
        raise ValueError(f"the last layer {layer.name!r} has activation {name!r}; it must be linear "
                         "(put softmax or sigmoid in the loss: from_logits=True)")
    if name not in _ACTIVATIONS:
        raise ValueError(f"layer {layer.name!r} has activation {name!r}; RunWriterCallback knows "
                         f"{', '.join(_ACTIVATIONS)}")
    return _ACTIVATIONS[name]


def _pair(data, name, task):
    """An (x, y) pair as numpy arrays, or None; one-hot classification targets become labels."""
    if data is None:
        return None
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise TypeError(f"{name}: expected an (x, y) pair")
    x, y = np.asarray(data[0]), np.asarray(data[1])
    if task == layout.CLASSIFICATION and y.ndim == 2:
        y = y.argmax(axis=1) if y.shape[1] > 1 else y[:, 0]
    return x, y
