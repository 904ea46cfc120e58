"""Writes what lr-import's examples read, with the real Keras 3 and safetensors: two Keras 3
`.weights.h5` checkpoints and two safetensors files of a 784-200-10 MLP in ckpt/, two legacy
`.h5` models in models/, probe.npy (64 inputs) and labels.npy. Usage: python3 make_checkpoints.py DIR"""

import os
import pathlib
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from safetensors.numpy import save_file  # noqa: E402

directory = pathlib.Path(sys.argv[1])
(directory / "ckpt").mkdir(parents=True, exist_ok=True)
(directory / "models").mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(0)
np.save(directory / "probe.npy", rng.standard_normal((64, 784)).astype(np.float32))
np.save(directory / "labels.npy", rng.integers(0, 10, 64))
model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(200, activation="relu"), keras.layers.Dense(10)])
for epoch in (1, 2):
    model.save_weights(directory / "ckpt" / f"epoch-{epoch}.weights.h5")
    model.save(directory / "models" / f"epoch-{epoch}.h5")
    kernels = [layer.get_weights() for layer in model.layers]
    save_file({"0.weight": np.ascontiguousarray(kernels[0][0].T), "0.bias": kernels[0][1],
               "2.weight": np.ascontiguousarray(kernels[1][0].T), "2.bias": kernels[1][1]},
              str(directory / "ckpt" / f"step-{epoch * 100}.safetensors"))
    for layer in model.layers:
        layer.set_weights([w + 0.01 for w in layer.get_weights()])
