"""Convolutional runs: written by RunWriter, validated and analyzed by lr-analyze, every
singular value and local rank checked against an independent JAX float64 reference."""

import json
import subprocess

import h5py
import numpy as np
import pytest

import cnn_reference
import support
from localrank import RunWriter, layers as layer_stack

EPSILONS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6]

ARCHITECTURES = {
    # stride 1 and 2, padding 1, max pooling, tanh, flatten -> dense
    "max-pool": ((1, 8, 8), [
        {"kind": "conv2d", "in_channels": 1, "out_channels": 4, "kernel_size": 3, "stride": 1, "padding": 1},
        {"kind": "max-pool", "window": 2},
        {"kind": "conv2d", "in_channels": 4, "out_channels": 6, "kernel_size": 3, "stride": 2, "padding": 1},
        {"kind": "flatten"},
        {"kind": "dense", "in_features": 24, "out_features": 5}], ["relu", "tanh", "identity"]),
    # stride 2, padding 0, overlapping average pooling, two dense layers
    "average-pool": ((2, 7, 7), [
        {"kind": "conv2d", "in_channels": 2, "out_channels": 3, "kernel_size": 3, "stride": 2, "padding": 0},
        {"kind": "average-pool", "window": 2, "stride": 1},
        {"kind": "flatten"},
        {"kind": "dense", "in_features": 12, "out_features": 8},
        {"kind": "dense", "in_features": 8, "out_features": 4}], ["relu", "relu", "identity"]),
    # a rectangular kernel and padding, overlapping max pooling, a 1x1 conv as the output
    "overlapping": ((3, 6, 6), [
        {"kind": "conv2d", "in_channels": 3, "out_channels": 8, "kernel_size": [3, 2], "stride": 1, "padding": [1, 0]},
        {"kind": "max-pool", "window": 3, "stride": 2},
        {"kind": "conv2d", "in_channels": 8, "out_channels": 2, "kernel_size": 1, "stride": 1, "padding": 0}],
        ["relu", "identity"]),
    # wider than its input: the first layer's rank is the input's
    "wide": ((1, 5, 5), [
        {"kind": "conv2d", "in_channels": 1, "out_channels": 6, "kernel_size": 3, "stride": 1, "padding": 1},
        {"kind": "conv2d", "in_channels": 6, "out_channels": 4, "kernel_size": 3, "stride": 1, "padding": 1},
        {"kind": "max-pool", "window": 2, "stride": 2},
        {"kind": "flatten"},
        {"kind": "dense", "in_features": 16, "out_features": 3}], ["tanh", "relu", "identity"]),
}


def random_parameters(stack, seed, scale=1.0):
    """He-scaled random weights whose output channels (units) are graded over four decades,
    so that the Jacobians' singular values spread across the thresholds tested."""
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for l in range(len(stack.weighted)):
        shape = stack.weight_shape(l)
        fan_in = int(np.prod(shape[1:]))
        grades = 10.0 ** (-4.0 * np.arange(shape[0]) / shape[0])
        w = scale * rng.standard_normal(shape) * np.sqrt(2.0 / fan_in) * grades.reshape(-1, *[1] * (len(shape) - 1))
        weights.append(w.astype(np.float32))
        biases.append((0.1 * rng.standard_normal(stack.bias_width(l))).astype(np.float32))
    return weights, biases


def write_cnn(path, input_shape, layers, activations, checkpoints=2, probe_count=6, seed=0, **options):
    """A cnn run with random weights at each checkpoint; returns them."""
    stack = layer_stack.LayerStack(input_shape, layers)
    rng = np.random.default_rng(100 + seed)
    x = rng.standard_normal((probe_count, stack.layer_sizes[0])).astype(np.float32)
    y = rng.integers(0, stack.layer_sizes[-1], probe_count)
    saved = []
    with RunWriter(path, None, activations, "classification", x, y, layers=layers, input_shape=input_shape,
                   **options) as run:
        for k in range(checkpoints):
            weights, biases = random_parameters(stack, seed * 10 + k, scale=1.0 + k)
            run.append(k * 10, weights, biases, {"train_loss": 1.0, "test_loss": 1.0, "test_accuracy": 0.5})
            saved.append((weights, biases))
    return stack, x, saved


@pytest.mark.parametrize("name", sorted(ARCHITECTURES))
def test_every_singular_value_and_local_rank_match_jax(tmp_path, lr_analyze, name):
    input_shape, layers, activations = ARCHITECTURES[name]
    run = tmp_path / f"{name}.h5"
    stack, x, saved = write_cnn(run, input_shape, layers, activations)
    result = support.analyze(lr_analyze, run, "--eps", ",".join(map(str, EPSILONS)))
    assert [layer["width"] for layer in result["layers"]] == stack.layer_sizes[1:]
    with h5py.File(tmp_path / f"{name}.lr.h5", "r") as cache:
        stored = [cache[f"/spectra/{l}"][...] for l in range(len(stack.weighted))]
    for k, (weights, biases) in enumerate(saved):
        reference = cnn_reference.jacobian_spectra(stack.layers, input_shape, activations, weights, biases, x)
        checkpoint = result["checkpoints"][k]
        for l, spectra in enumerate(reference):
            for i, sigma in enumerate(spectra):
                ours = stored[l][k, i]
                expected = np.zeros(len(ours))
                expected[:min(len(sigma), len(ours))] = sigma[:len(ours)]
                assert np.all(sigma[len(ours):] <= 1e-12 * max(sigma[0], 1)), "a singular value the cache does not keep"
                np.testing.assert_allclose(ours, expected, rtol=0, atol=1e-12 * max(sigma[0], 1),
                                           err_msg=f"{name}: checkpoint {k}, layer {l}, input {i}")
            for e, epsilon in enumerate(EPSILONS):
                margin = min(abs(s - epsilon) for sigma in spectra for s in sigma)
                assert margin > 1e-9, f"a singular value within 1e-9 of eps = {epsilon}: the count is not decided"
                counts = [np.sum(sigma > epsilon) for sigma in spectra]
                assert checkpoint["local_rank"][e][l] == pytest.approx(np.mean(counts), abs=1e-12)
                assert checkpoint["rank_std"][e][l] == pytest.approx(np.std(counts), abs=1e-12)


def test_the_local_ranks_vary_with_eps(tmp_path, lr_analyze):
    """The tests above are not all full rank: some layer's rank changes between eps = 1e-1 and 1e-6."""
    input_shape, layers, activations = ARCHITECTURES["max-pool"]
    run = tmp_path / "run.h5"
    write_cnn(run, input_shape, layers, activations)
    ranks = np.array(support.analyze(lr_analyze, run, "--eps", "1e-1,1e-6")["checkpoints"][0]["local_rank"])
    assert np.any(ranks[0] != ranks[1])


@pytest.mark.parametrize("name", ["max-pool", "average-pool"])
def test_weight_measures_are_those_of_each_layers_operator(tmp_path, lr_analyze, name):
    input_shape, layers, activations = ARCHITECTURES[name]
    run = tmp_path / "run.h5"
    stack, _, saved = write_cnn(run, input_shape, layers, activations, checkpoints=1)
    measures = {
        "weight-spectral-norm": lambda s: s[0],
        "weight-frobenius-norm": lambda s: np.sqrt(np.sum(s ** 2)),
        "weight-stable-rank": lambda s: np.sum(s ** 2) / s[0] ** 2,
    }
    for measure, of in measures.items():
        values = support.analyze(lr_analyze, run, "--measure", measure)["checkpoints"][0]["local_rank"][0]
        for l, value in enumerate(values):
            sigma = cnn_reference.operator_singular_values(stack.layers, input_shape, saved[0][0], l)
            assert value == pytest.approx(of(sigma), rel=1e-10), f"{measure} of layer {l}"


def test_stored_activations_match_the_reference_forward_pass(tmp_path, lr_analyze):
    input_shape, layers, activations = ARCHITECTURES["max-pool"]
    run = tmp_path / "run.h5"
    stack, x, saved = write_cnn(run, input_shape, layers, activations, checkpoints=1, store_activations=True)
    validation = subprocess.run([str(lr_analyze), "validate", str(run)], capture_output=True, text=True)
    assert validation.returncode == 0, validation.stdout + validation.stderr
    with h5py.File(run, "r") as f:
        assert f["/model"].attrs["architecture"] == "cnn"
        assert list(f["/model"].attrs["input_shape"]) == [1, 8, 8]
        assert json.loads(f["/model"].attrs["layers"]) == stack.layers
        assert f["/weights/0/weight"].shape == (1, 4, 1, 3, 3)
        assert f["/weights/0/bias"].shape == (1, 4)
        stored = [f[f"/activations/{l}"][0] for l in range(3)]
    weights, biases = saved[0]
    for l, z in enumerate(stack.preactivations(weights, biases, activations, x)):
        np.testing.assert_allclose(stored[l], z, rtol=1e-5, atol=1e-5)


def test_mlp_runs_keep_their_layout(tmp_path):
    """An MLP's file is unchanged: no cnn attributes, architecture mlp."""
    x = np.zeros((2, 3), np.float32)
    with RunWriter(tmp_path / "mlp.h5", [3, 2], ["identity"], "regression", x, np.zeros((2, 2))) as run:
        run.append(0, [np.zeros((2, 3))], [None], {"train_loss": 0, "test_loss": 0})
    with h5py.File(tmp_path / "mlp.h5", "r") as f:
        assert f["/model"].attrs["architecture"] == "mlp"
        assert set(f["/model"].attrs) == {"architecture", "layer_sizes", "activations", "weight_layout"}


# --- Bad input --------------------------------------------------------------------------------

def rewrite_layers(path, change):
    with h5py.File(path, "r+") as f:
        layers = json.loads(f["/model"].attrs["layers"])
        change(layers)
        f["/model"].attrs["layers"] = json.dumps(layers)


BAD_LAYERS = {
    "shapes do not chain": (lambda layers: layers[2].update(in_channels=5),
                            "layer 2 (conv2d): in_channels is 5, but its input (4, 4, 4) has 4 channels"),
    "unknown kind": (lambda layers: layers[1].update(kind="lp-pool"),
                     "layer 1: unknown kind \"lp-pool\" (expected dense, conv2d, max-pool, average-pool or flatten)"),
    "missing kernel size": (lambda layers: layers[0].pop("kernel_size"), "layer 0 (conv2d): missing \"kernel_size\""),
    "dense in_features": (lambda layers: layers[4].update(in_features=25),
                          "layer 4 (dense): in_features is 25, but its input has 24 values"),
}


@pytest.mark.parametrize("case", sorted(BAD_LAYERS))
def test_bad_layers_get_one_line_naming_the_file_and_the_layer(tmp_path, lr_analyze, case):
    input_shape, layers, activations = ARCHITECTURES["max-pool"]
    run = tmp_path / "run.h5"
    write_cnn(run, input_shape, layers, activations, checkpoints=1)
    change, problem = BAD_LAYERS[case]
    rewrite_layers(run, change)
    analysis = subprocess.run([str(lr_analyze), str(run), "--eps", "1e-3"], capture_output=True, text=True, timeout=60)
    assert analysis.returncode != 0 and analysis.stdout == ""
    assert analysis.stderr.strip().count("\n") == 0, analysis.stderr
    assert f"{run}: /model@layers: {problem}" in analysis.stderr
    # validate lists every deviation, one per line, under a heading: here the one.
    validation = subprocess.run([str(lr_analyze), "validate", str(run)], capture_output=True, text=True, timeout=60)
    assert validation.returncode != 0
    assert [line for line in validation.stdout.splitlines() + validation.stderr.splitlines() if "/model@" in line] == \
        [f"{run}: /model@layers: {problem}"]


def test_stored_layer_sizes_must_match_the_layers(tmp_path, lr_analyze):
    input_shape, layers, activations = ARCHITECTURES["max-pool"]
    run = tmp_path / "run.h5"
    write_cnn(run, input_shape, layers, activations, checkpoints=1)
    with h5py.File(run, "r+") as f:
        f["/model"].attrs["layer_sizes"] = np.array([64, 256, 24, 6], np.int64)
    result = subprocess.run([str(lr_analyze), str(run)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "/model@layer_sizes: is [64, 256, 24, 6], but the layers give [64, 256, 24, 5]" in result.stderr


@pytest.mark.parametrize("layers, message", [
    ([{"kind": "conv2d", "in_channels": 2, "out_channels": 3, "kernel_size": 3}], "in_channels is 2"),
    ([{"kind": "conv3d"}], "unknown kind 'conv3d'"),
    ([{"kind": "conv2d", "in_channels": 1, "out_channels": 3}], "missing 'kernel_size'"),
    ([{"kind": "conv2d", "in_channels": 1, "out_channels": 3, "kernel_size": 3}, {"kind": "dense", "in_features": 3,
                                                                                  "out_features": 2}], "flatten"),
    ([{"kind": "max-pool", "window": 2}, {"kind": "flatten"}, {"kind": "dense", "in_features": 16, "out_features": 2}],
     "pooling before the first"),
])
def test_the_writer_refuses_layers_that_do_not_chain(tmp_path, layers, message):
    x = np.zeros((2, 64), np.float32)
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        RunWriter(tmp_path / "bad.h5", None, ["identity"] * 2, "regression", x, np.zeros((2, 2)),
                  layers=layers, input_shape=(1, 8, 8))
    assert not (tmp_path / "bad.h5").exists()


def test_the_writer_refuses_a_conv_kernel_of_the_wrong_shape(tmp_path):
    input_shape, layers, activations = ARCHITECTURES["overlapping"]
    stack = layer_stack.LayerStack(input_shape, layers)
    weights, biases = random_parameters(stack, 0)
    x = np.zeros((2, stack.layer_sizes[0]), np.float32)
    with RunWriter(tmp_path / "run.h5", None, activations, "regression", x, np.zeros((2, stack.layer_sizes[-1])),
                   layers=layers, input_shape=input_shape) as run:
        with pytest.raises(ValueError, match=r"weights\[0\] has shape \(8, 3, 2, 3\); layer 0 \(conv2d\) expects "
                                             r"\(8, 3, 3, 2\)"):
            run.append(0, [weights[0].transpose(0, 1, 3, 2), weights[1]], biases)


def test_the_measures_of_the_layers_outputs_follow_the_pooled_network(tmp_path, lr_analyze):
    """activation-rank: the rank at eps of each layer's column-centred N × n_{l+1} outputs
    σ(z_l), z_l from the JAX forward pass (before the pooling that follows the layer); a
    classifier's last output is its softmax, as for an MLP."""
    input_shape, layers, activations = ARCHITECTURES["max-pool"]
    run = tmp_path / "run.h5"
    stack, x, saved = write_cnn(run, input_shape, layers, activations, checkpoints=1, probe_count=40)
    result = support.analyze(lr_analyze, run, "--measure", "activation-rank", "--eps", "1e-2,1e-6")
    weights, biases = saved[0]
    outputs = cnn_reference.outputs(stack.layers, input_shape, activations, weights, biases, x)
    logits = outputs[-1]
    outputs[-1] = np.exp(logits - logits.max(axis=1, keepdims=True))
    outputs[-1] /= outputs[-1].sum(axis=1, keepdims=True)
    for e, epsilon in enumerate([1e-2, 1e-6]):
        for l, t in enumerate(outputs):
            sigma = np.linalg.svd(t - t.mean(axis=0), compute_uv=False)
            assert result["checkpoints"][0]["local_rank"][e][l] == np.sum(sigma > epsilon), f"layer {l}, eps {epsilon}"


def test_a_layer_too_large_for_the_dense_route_is_refused_in_one_line(tmp_path, lr_analyze):
    layers = [{"kind": "conv2d", "in_channels": 1, "out_channels": 2, "kernel_size": 1},
              {"kind": "flatten"}, {"kind": "dense", "in_features": 2 * 120 * 120, "out_features": 2}]
    run = tmp_path / "big.h5"
    write_cnn(run, (1, 120, 120), layers, ["relu", "identity"], checkpoints=1, probe_count=1)
    result = subprocess.run([str(lr_analyze), str(run)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and result.stderr.strip().count("\n") == 0, result.stderr
    assert f"{run}: layer 0's matrix on its flattened input would have {28800 * 14400} entries" in result.stderr
