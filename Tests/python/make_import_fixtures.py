#!/usr/bin/env python3
"""Write checkpoints with the real writers for lr-import's tests, and a float64 reference.

    KERAS_BACKEND=jax python3 Tests/python/make_import_fixtures.py OUTDIR

Needs keras (3), jax, safetensors, ml_dtypes (comes with jax), h5py and numpy
(`make test` installs them). Writes into OUTDIR:

  probe.npy           float32 [24, 6]   probe inputs of the Keras network
  probe.h5:/probe/x   the same, as an HDF5 dataset
  labels.npy          int64 [24]        class labels (3 classes)
  keras3/epoch-E.weights.h5             Keras 3 ModelCheckpoint(save_weights_only=True), E = 1..11
  legacy/epoch-E.h5                     Keras 3 ModelCheckpoint(save_weights_only=False) to .h5:
                                        the legacy HDF5 model layout, with model_config
  seq/step-S.safetensors                the same network's weights at each epoch, transposed to
                                        [out, in], under nn.Sequential names 0.weight, 0.bias,
                                        2.weight, …, 10.bias (Linear and activation modules
                                        alternate), S = E (safetensors.numpy.save_file)
  fc/ckpt-S.safetensors               another MLP, 5 → 9 → 8 → 4, named fc1, fc2, out, with fc1
                                        in F16, fc2 in F64 and out's bias in BF16; S = 0, 5, 50
  probe64.npy         float64 [24, 5]   probe inputs of the fc network
  targets64.npy       float64 [24, 4]   regression targets for it
  legacy-weights/epoch-11.h5            the last epoch in the legacy weights-only layout (Keras 2's
                                        save_weights("w.h5"): layer_names at the root, no model_config),
                                        written by Keras's own legacy_h5_format.save_weights_to_hdf5_group
  mismatch/epoch-12.weights.h5          a Keras 3 checkpoint of a network with other widths

and prints one JSON object on stdout: for each set (keras3, legacy, seq, fc) the steps, the
layer sizes, the activations and, per checkpoint and layer, bounds on the local rank at
ε = 1e-3 computed in float64 from the ORIGINAL arrays (the values Keras held, the arrays
handed to save_file): the mean over the probe of the number of singular values of the
explicit Jacobian J_l = W_l D_{l-1} W_{l-1} … D_0 W_0 greater than ε(1 + δ) (low) and
ε(1 − δ) (high), with D the activation's derivative at the pre-activation (0/1 for ReLU,
1 − tanh² for tanh). δ = 1e-3 absorbs the float32 rounding of float64 originals.
"""

import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import h5py  # noqa: E402
import keras  # noqa: E402
import ml_dtypes  # noqa: E402
import numpy as np  # noqa: E402
from safetensors.numpy import save_file  # noqa: E402

EPS = 1e-3
DELTA = 1e-3
EPOCHS = 11
HIDDEN = ["relu", "tanh", "relu", "relu", "tanh"]


def local_rank_bounds(weights, biases, activations, probe):
    """Per layer, the mean over the probe of the singular values of J_l above ε(1±δ)."""
    layers = len(weights)
    low = np.zeros(layers)
    high = np.zeros(layers)
    for x in probe.astype(np.float64):
        a = x
        jacobian = np.eye(len(x))
        for l in range(layers):
            w = weights[l].astype(np.float64)
            z = w @ a + biases[l].astype(np.float64)
            jacobian = w @ jacobian
            s = np.linalg.svd(jacobian, compute_uv=False)
            low[l] += np.sum(s > EPS * (1 + DELTA))
            high[l] += np.sum(s > EPS * (1 - DELTA))
            if activations[l] == "relu":
                derivative, a = (z > 0).astype(np.float64), np.maximum(z, 0)
            elif activations[l] == "tanh":
                derivative, a = 1 - np.tanh(z) ** 2, np.tanh(z)
            else:
                derivative, a = np.ones_like(z), z
            jacobian = derivative[:, None] * jacobian
    return (low / len(probe)).tolist(), (high / len(probe)).tolist()


def reference(steps, checkpoints, activations, probe):
    """checkpoints: per step, a list of (W [out, in], b [out]) in layer order."""
    result = {"steps": steps, "activations": activations, "low": [], "high": []}
    first = checkpoints[0]
    result["sizes"] = [int(first[0][0].shape[1])] + [int(w.shape[0]) for w, _ in first]
    for layers in checkpoints:
        low, high = local_rank_bounds([w for w, _ in layers], [b for _, b in layers], activations, probe)
        result["low"].append(low)
        result["high"].append(high)
    return result


def keras_model(widths, seed):
    keras.utils.set_random_seed(seed)
    layers = [keras.Input((widths[0],))]
    for index, width in enumerate(widths[1:]):
        last = index == len(widths) - 2
        layers.append(keras.layers.Dense(width, activation=None if last else HIDDEN[index]))
    model = keras.Sequential(layers)
    model.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


class Recorder(keras.callbacks.Callback):
    """Keeps the weights Keras holds at the end of every epoch: the original arrays."""

    def __init__(self):
        super().__init__()
        self.epochs = []

    def on_epoch_end(self, epoch, logs=None):
        values = self.model.get_weights()  # kernel [in, out], bias [out], per layer
        self.epochs.append((epoch + 1, [(values[i].copy(), values[i + 1].copy()) for i in range(0, len(values), 2)]))


def main():
    out = sys.argv[1]
    for folder in ["keras3", "legacy", "legacy-weights", "seq", "fc", "mismatch"]:
        os.makedirs(os.path.join(out, folder), exist_ok=True)
    rng = np.random.default_rng(7)
    report = {}

    # A Keras Sequential of Dense layers, trained for a few steps per epoch.
    widths = [6, 8, 8, 7, 6, 5, 3]
    x = rng.standard_normal((96, 6)).astype(np.float32)
    y = (x[:, 0] + x[:, 1] > 0).astype(np.int64) + (x[:, 2] > 1).astype(np.int64)
    probe = rng.standard_normal((24, 6)).astype(np.float32)
    labels = rng.integers(0, 3, 24).astype(np.int64)
    np.save(os.path.join(out, "probe.npy"), probe)
    np.save(os.path.join(out, "labels.npy"), labels)
    with h5py.File(os.path.join(out, "probe.h5"), "w") as f:
        f["probe/x"] = probe

    model = keras_model(widths, seed=3)
    recorder = Recorder()
    model.fit(x, y, epochs=EPOCHS, batch_size=32, verbose=0, callbacks=[
        keras.callbacks.ModelCheckpoint(os.path.join(out, "keras3", "epoch-{epoch}.weights.h5"), save_weights_only=True),
        keras.callbacks.ModelCheckpoint(os.path.join(out, "legacy", "epoch-{epoch}.h5"), save_weights_only=False),
        recorder,
    ])
    from keras.src.legacy.saving import legacy_h5_format
    with h5py.File(os.path.join(out, "legacy-weights", f"epoch-{EPOCHS}.h5"), "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)
    steps = [epoch for epoch, _ in recorder.epochs]
    activations = HIDDEN[: len(widths) - 2] + ["identity"]
    transposed = [[(kernel.T, bias) for kernel, bias in layers] for _, layers in recorder.epochs]
    report["keras3"] = reference(steps, transposed, activations, probe)
    report["legacy"] = report["keras3"]

    # The same weights under PyTorch nn.Sequential names: Linear modules at 0, 2, …, 10.
    for (epoch, layers) in recorder.epochs:
        tensors = {}
        for index, (kernel, bias) in enumerate(layers):
            tensors[f"{2 * index}.weight"] = np.ascontiguousarray(kernel.T)
            tensors[f"{2 * index}.bias"] = bias
        save_file(tensors, os.path.join(out, "seq", f"step-{epoch}.safetensors"), metadata={"format": "pt"})
    report["seq"] = report["keras3"]

    # Another MLP with named layers and mixed dtypes (fc1 F16, fc2 F64, out's bias BF16).
    probe64 = rng.standard_normal((24, 5))
    np.save(os.path.join(out, "probe64.npy"), probe64)
    np.save(os.path.join(out, "targets64.npy"), rng.standard_normal((24, 4)))
    sizes = [5, 9, 8, 4]
    base = [(rng.standard_normal((sizes[i + 1], sizes[i])) / np.sqrt(sizes[i]), 0.1 * rng.standard_normal(sizes[i + 1]))
            for i in range(3)]
    drift = [(rng.standard_normal(w.shape) * 0.3, rng.standard_normal(b.shape) * 0.1) for w, b in base]
    fc_steps, fc_checkpoints = [0, 5, 50], []
    for step in fc_steps:
        t = np.log1p(step) / np.log1p(50)
        layers = [(w + t * dw, b + t * db) for (w, b), (dw, db) in zip(base, drift)]
        # The original arrays are what is saved, in the dtype it is saved in.
        originals = [
            (layers[0][0].astype(np.float16), layers[0][1].astype(np.float16)),
            (layers[1][0].astype(np.float64), layers[1][1].astype(np.float64)),
            (layers[2][0].astype(np.float32), layers[2][1].astype(ml_dtypes.bfloat16)),
        ]
        names = ["fc1", "fc2", "out"]
        tensors = {}
        for name, (w, b) in zip(names, originals):
            tensors[f"{name}.weight"] = w
            tensors[f"{name}.bias"] = b
        save_file(tensors, os.path.join(out, "fc", f"ckpt-{step}.safetensors"))
        fc_checkpoints.append([(w.astype(np.float64), b.astype(np.float64)) for w, b in originals])
    report["fc"] = reference(fc_steps, fc_checkpoints, ["relu", "tanh", "identity"], probe64)

    # A checkpoint of a network with other widths, for the refusal of differing shapes.
    other = keras_model([6, 9, 8, 7, 6, 5, 3], seed=4)
    other.save_weights(os.path.join(out, "mismatch", "epoch-12.weights.h5"))

    print(json.dumps(report))


if __name__ == "__main__":
    main()
