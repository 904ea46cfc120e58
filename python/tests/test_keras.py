"""A real Keras 3 training run (JAX backend) written through localrank.keras.RunWriterCallback."""

import os

import h5py
import numpy as np
import pytest

import support

os.environ["KERAS_BACKEND"] = "jax"  # the backend these tests install (make test: pip install keras jax)

SIZES, EPS = [6, 16, 8, 3], 1e-3


@pytest.fixture(scope="module")
def keras():
    try:
        import keras
    except ImportError as error:
        pytest.fail(f"Keras 3 with the JAX backend is needed: pip install keras jax (make test does): {error}")
    return keras


def model_of(keras, activations=("relu", "tanh", None), extra=()):
    keras.utils.set_random_seed(0)
    layers = [keras.layers.Dense(width, activation=name) for width, name in zip(SIZES[1:], activations)]
    model = keras.Sequential([keras.Input((SIZES[0],)), *layers[:1], *extra, *layers[1:]])
    model.compile(optimizer=keras.optimizers.Adam(1e-2),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


def data():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((320, SIZES[0])).astype(np.float32)
    return x, (x[:, 0] > 0).astype(np.int64) + (x[:, 1] > 0).astype(np.int64)


def kernels(keras, model):
    """Each Dense layer's weights in [out, in] layout (Keras kernels are [in, out])."""
    return [keras.ops.convert_to_numpy(layer.kernel.value).T for layer in model.layers]


def test_a_keras_run_is_written_at_the_scheduled_steps(tmp_path, keras, lr_analyze):
    from localrank.keras import RunWriterCallback

    x, y = data()
    model = model_of(keras)
    initial = kernels(keras, model)
    path = tmp_path / "keras.h5"
    callback = RunWriterCallback(path, x[:40], y[:40], "classification", "every:7", train_data=(x, y),
                                 test_data=(x[:64], np.eye(3)[y[:64]]), n_train=len(x), data_name="two-signs")
    # 320 examples in batches of 32: 10 updates per epoch, 20 in all.
    model.fit(x, y, epochs=2, batch_size=32, shuffle=False, verbose=0, callbacks=[callback])
    support.check_run_file(path, "--expect-task", "classification")

    with h5py.File(path, "r") as f:
        assert f["checkpoints/step"][()].tolist() == [0, 7, 14, 20]  # step 0, every 7th, the last
        assert f["checkpoints/epoch"][()].tolist() == [0.0, 0.7, 1.4, 2.0]
        assert list(f["model"].attrs["activations"]) == ["relu", "tanh", "identity"]
        assert f["model"].attrs["layer_sizes"].tolist() == SIZES
        assert f["training"].attrs["steps"] == "20" and f["training"].attrs["optimizer"] == "adam"
        assert f["training"].attrs["learning_rate"] == "0.01"
        stored = [[f[f"weights/{l}/weight"][row] for l in range(3)] for row in range(4)]
        biases = [[f[f"weights/{l}/bias"][row] for l in range(3)] for row in range(4)]
        accuracy = f["checkpoints/test_accuracy"][()]
    for l in range(3):
        assert np.array_equal(stored[0][l], initial[l])  # step 0: the initialization
        assert np.array_equal(stored[-1][l], kernels(keras, model)[l])  # the last step: the trained model
    assert accuracy[-1] > accuracy[0]

    # Step 7 is the state after 7 updates: the same model trained on the first 7 batches only.
    seven = model_of(keras)
    seven.fit(x[:7 * 32], y[:7 * 32], epochs=1, batch_size=32, shuffle=False, verbose=0)
    for l in range(3):
        assert np.allclose(stored[1][l], kernels(keras, seven)[l], rtol=1e-6, atol=1e-7)

    report = support.analyze(lr_analyze, path, "--eps", str(EPS), "--cache", str(tmp_path / "keras.lr.h5"))
    assert [c["step"] for c in report["checkpoints"]] == [0, 7, 14, 20]
    for checkpoint, weights, bias in zip(report["checkpoints"], stored, biases):
        mean, _ = support.reference_local_rank(weights, bias, ["relu", "tanh", "identity"], x[:40], EPS)
        assert checkpoint["local_rank"][0] == pytest.approx(mean.tolist(), abs=1e-9)
        assert set(checkpoint["metrics"]) == {"train_loss", "train_accuracy", "test_loss", "test_accuracy"}


def test_early_stopping_still_writes_the_last_step(tmp_path, keras):
    from localrank.keras import RunWriterCallback

    class StopAfterFive(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 4:
                self.model.stop_training = True

    x, y = data()
    path = tmp_path / "stopped.h5"
    model = model_of(keras)
    model.fit(x, y, epochs=3, batch_size=32, verbose=0,
              callbacks=[RunWriterCallback(path, x[:8], y[:8], "classification", "every:4"), StopAfterFive()])
    with h5py.File(path, "r") as f:
        assert f["checkpoints/step"][()].tolist() == [0, 4, 5]
        assert f["training"].attrs["steps"] == "30"  # as planned


@pytest.mark.parametrize("activations, extra, error, message", [
    (("relu", "tanh", "softmax"), (), ValueError, "last layer .* has activation 'softmax'; it must be linear"),
    (("sigmoid", "tanh", None), (), ValueError, "activation 'sigmoid'"),
    (("relu", "tanh", None), ("dropout",), TypeError, "is a Dropout"),
])
def test_models_it_cannot_describe_are_refused(tmp_path, keras, activations, extra, error, message):
    from localrank.keras import RunWriterCallback

    extra = [keras.layers.Dropout(0.5) for _ in extra]
    model = model_of(keras, activations, extra)
    callback = RunWriterCallback(tmp_path / "run.h5", *data(), "classification")
    callback.set_model(model)
    with pytest.raises(error, match=message):
        callback.on_train_begin()
    assert not (tmp_path / "run.h5").exists()
