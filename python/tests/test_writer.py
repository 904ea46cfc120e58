"""RunWriter writes run format v1 as lr-train does: layout, storage, types, commit order,
values, and clear errors for bad input."""

import math
import subprocess

import h5py
import numpy as np
import pytest

import localrank
import support
from localrank import RunWriter, writer

SIZES = [4, 8, 3]
ACTIVATIONS = ["relu", "identity"]
FLETCHER32, SHUFFLE, DEFLATE = h5py.h5z.FILTER_FLETCHER32, h5py.h5z.FILTER_SHUFFLE, h5py.h5z.FILTER_DEFLATE


def layers(seed, sizes=SIZES):
    rng = np.random.default_rng(seed)
    return ([rng.standard_normal((m, n)) for n, m in zip(sizes[:-1], sizes[1:])],
            [rng.standard_normal(m) for m in sizes[1:]])


def probe(count=16, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((count, SIZES[0])), rng.integers(0, SIZES[-1], count)


def new_writer(path, **options):
    x, y = probe()
    arguments = dict(layer_sizes=SIZES, activations=ACTIVATIONS, task="classification", probe_x=x, probe_y=y)
    arguments.update(options)
    return RunWriter(path, **arguments)


METRICS = {"train_loss": 1.5, "test_loss": 1.75, "test_accuracy": 0.5}


def storage(path):
    """Everything about how a file stores its objects, by path: what 'written as lr-train
    writes it' means, values and timestamps aside."""
    result = {}
    with h5py.File(path, "r") as f:
        result["/"] = ("superblock", f.id.get_create_plist().get_version()[0], attribute_types(f))

        def visit(name, obj):
            if isinstance(obj, h5py.Group):
                result["/" + name] = ("group", attribute_types(obj))
                return
            plist = obj.id.get_create_plist()
            filters = tuple((plist.get_filter(i)[0], plist.get_filter(i)[1], tuple(plist.get_filter(i)[2]))
                            for i in range(plist.get_nfilters()))
            result["/" + name] = ("dataset", obj.dtype.str, obj.shape[1:] if obj.maxshape[0] is None else obj.shape,
                                  obj.maxshape, obj.chunks, plist.get_layout(), filters, plist.get_fill_time(),
                                  plist.get_alloc_time(), plist.fill_value_defined(), attribute_types(obj))
        f.visititems(visit)
    return result


def attribute_types(obj):
    """{name: (type class, size or 'vlen', character set, shape)} of an object's attributes."""
    types = {}
    for name in obj.attrs:
        attribute = obj.attrs.get_id(name)
        datatype = attribute.get_type()
        is_string = isinstance(datatype, h5py.h5t.TypeStringID)
        size = "vlen" if is_string and datatype.is_variable_str() else datatype.get_size()
        types[name] = (type(datatype).__name__, size, datatype.get_cset() if is_string else None, attribute.shape)
    return types


def test_the_file_follows_run_format_v1(tmp_path):
    path = tmp_path / "run.h5"
    with new_writer(path, metrics=["grad_norm"], store_activations=True, total_steps=10, steps_per_epoch=5,
                    training={"batch_size": 32, "nesterov": False}) as run:
        for step in (0, 5, 10):
            run.append(step, *layers(step), {**METRICS, "grad_norm": 0.25})
    support.check_run_file(path, "--expect-activations", "--expect-task", "classification")
    with h5py.File(path, "r") as f:
        assert f.id.get_create_plist().get_version()[0] == 3  # the HDF5 1.10 format SWMR needs
        assert f.attrs["format"] == "local-rank-run" and f.attrs["format_version"] == 1
        assert dict(f["training"].attrs) == {"batch_size": "32", "nesterov": "false", "steps": "10"}
        assert list(f["model"].attrs["activations"]) == ACTIVATIONS
        assert f["checkpoints/epoch"][()].tolist() == [0.0, 1.0, 2.0]
        growing = [name for name, obj in storage(path).items() if obj[0] == "dataset" and obj[3][0] is None]
        assert sorted(growing) == sorted(
            [f"/checkpoints/{n}" for n in ("step", "epoch", "wall_time", "train_loss", "test_loss", "test_accuracy",
                                           "grad_norm")]
            + [f"/weights/{l}/{kind}" for l in range(2) for kind in ("weight", "bias")]
            + [f"/activations/{l}" for l in range(2)])
        for name in growing:
            plist = f[name].id.get_create_plist()
            filters = [plist.get_filter(i) for i in range(plist.get_nfilters())]
            assert [flt[0] for flt in filters] == [SHUFFLE, DEFLATE, FLETCHER32], name
            assert filters[1][2][0] == 4, f"{name}: gzip level"
            assert f[name].chunks == (1, *f[name].shape[1:])
        for name, kind in attribute_types(f).items():
            expected = ("TypeIntegerID", 8, None, ()) if name == "format_version" else ("TypeStringID", "vlen", 1, ())
            assert kind == expected, name  # variable-length UTF-8 strings and int64, as lr-train writes


def test_lr_analyze_validate_accepts_the_file(tmp_path, lr_analyze):
    path = tmp_path / "run.h5"
    with new_writer(path, store_activations=True, total_steps=10, steps_per_epoch=5) as run:
        for step in (0, 5, 10):
            run.append(step, *layers(step), METRICS)
    result = subprocess.run([str(lr_analyze), "validate", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"{path}: valid (run format v1)\n"


def test_storage_is_lr_train_storage_plus_fletcher32(tmp_path):
    """lr-train's own file of the same shape: every object the Python writer also writes is
    stored the same way (types, chunks, filters, attribute types), Fletcher-32 aside."""
    lr_train = support.find_tool("lr-train")
    if lr_train is None:
        pytest.fail("lr-train not found in LOCAL_RANK_BIN (or, unset, in .build/release or .build/debug): "
                    "build it (swift build); make test does")
    theirs = tmp_path / "lr-train.h5"
    subprocess.run([str(lr_train), "--data", "gaussian:4x2", "--layers", "4,8,2", "--probe", "8", "--steps", "10",
                    "--checkpoints", "every:5", "--quiet", "--out", str(theirs)], check=True, capture_output=True)
    with h5py.File(theirs, "r") as f:
        x, y, covariance = f["probe/x"][()], f["probe/y"][()], f["data/joint_covariance"][()]
        training = dict(f["training"].attrs)
    ours = tmp_path / "ours.h5"
    sizes = [4, 8, 2]
    with RunWriter(ours, sizes, ["relu", "identity"], "regression", x, y, store_activations=True,
                   data_name="gaussian", probe_source="train", joint_covariance=covariance,
                       training=training) as run:
        for step in (0, 5, 10):
            run.append(step, *layers(step, sizes), {"train_loss": 1.0, "test_loss": 2.0})
    theirs = {path: item for path, item in storage(theirs).items() if not path.startswith("/training/optimizer")}
    assert without_fletcher32(storage(ours)) == without_fletcher32(theirs)


def without_fletcher32(stored):
    """storage() with the Fletcher-32 filter left out of each dataset's filter list."""
    return {path: item[:6] + (tuple(flt for flt in item[6] if flt[0] != FLETCHER32),) + item[7:]
            if item[0] == "dataset" else item for path, item in stored.items()}


def test_the_checkpoint_is_committed_by_the_step_row_last(tmp_path, monkeypatch):
    events = []
    real_write_row, real_flush = writer._write_row, h5py.File.flush
    monkeypatch.setattr(writer, "_write_row", lambda dataset, row, values: (
        events.append((dataset.name, row)), real_write_row(dataset, row, values)))
    monkeypatch.setattr(h5py.File, "flush", lambda self: (events.append("flush"), real_flush(self)))
    with new_writer(tmp_path / "run.h5", metrics=["a_metric"], store_activations=True) as run:
        events.clear()
        run.append(0, *layers(0), METRICS)
        run.append(7, *layers(1), METRICS)
    one = ["/weights/0/weight", "/weights/0/bias", "/activations/0", "/weights/1/weight", "/weights/1/bias",
           "/activations/1", "/checkpoints/epoch", "/checkpoints/wall_time", "/checkpoints/a_metric",
           "/checkpoints/test_accuracy", "/checkpoints/test_loss", "/checkpoints/train_loss"]
    # The last flush is close()'s, which checks that the file's last writes succeeded.
    assert events == [(name, 0) for name in one] + ["flush", ("/checkpoints/step", 0), "flush"] \
        + [(name, 1) for name in one] + ["flush", ("/checkpoints/step", 1), "flush", "flush"]


class Tensorish:
    """Stands for tensor.detach().cpu(): not an ndarray, but numpy.asarray reads it."""

    def __init__(self, values):
        self.values = np.asarray(values)

    def __array__(self, dtype=None, copy=None):
        return self.values if dtype is None else self.values.astype(dtype)


def test_values_are_stored_as_given(tmp_path):
    path = tmp_path / "run.h5"
    weights, biases = layers(3)
    with new_writer(path, store_activations=True) as run:
        run.append(0, [w.tolist() for w in weights], [Tensorish(biases[0]), None], {"train_loss": np.float32(0.5)},
                   epoch=0.25, wall_time=3)
        run.append(2, [Tensorish(w) for w in weights], biases, METRICS)
        assert run.steps == [0, 2] and run.checkpoint_count == 2
    with h5py.File(path, "r") as f:
        assert f["checkpoints/step"][()].tolist() == [0, 2]
        for l in range(2):
            assert np.array_equal(f[f"weights/{l}/weight"][0], weights[l].astype(np.float32))
            assert np.array_equal(f[f"weights/{l}/weight"][1], weights[l].astype(np.float32))
        assert np.array_equal(f["weights/1/bias"][0], np.zeros(3, np.float32))  # None: no bias
        assert f["checkpoints/train_loss"][0] == 0.5 and math.isnan(f["checkpoints/test_loss"][0])  # left out: NaN
        assert f["checkpoints/epoch"][0] == 0.25 and math.isnan(f["checkpoints/epoch"][1])  # no steps_per_epoch
        assert f["checkpoints/wall_time"][0] == 3 and 0 <= f["checkpoints/wall_time"][1] < 60
        stored = [w.astype(np.float32) for w in weights], [b.astype(np.float32) for b in biases]
        x = f["probe/x"][()]
        expected = localrank.network.preactivations(*stored, ACTIVATIONS, x)
        for l in range(2):
            assert np.allclose(f[f"activations/{l}"][1], expected[l], rtol=1e-6, atol=1e-6)


def test_nan_weights_are_written_and_reported_by_lr_analyze(tmp_path, lr_analyze):
    path = tmp_path / "run.h5"
    weights, biases = layers(0)
    broken = [weights[0].copy(), weights[1]]
    broken[0][2, 1] = np.nan
    with new_writer(path, store_activations=True) as run:
        run.append(0, weights, biases, METRICS)
        run.append(1, broken, biases, {**METRICS, "train_loss": math.nan})
    with h5py.File(path, "r") as f:
        assert math.isnan(f["weights/0/weight"][1, 2, 1]) and np.isnan(f["activations/1"][1]).all()
    report = support.analyze(lr_analyze, path, "--cache", str(tmp_path / "run.lr.h5"))
    assert [c["finite"] for c in report["checkpoints"]] == [True, False]
    assert report["checkpoints"][1]["local_rank"] == [[None, None]]
    assert report["checkpoints"][1]["metrics"]["train_loss"] is None


def test_an_existing_file_is_kept_unless_overwrite(tmp_path):
    path = tmp_path / "run.h5"
    path.write_text("precious")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        new_writer(path)
    assert path.read_text() == "precious"
    with new_writer(path, overwrite=True) as run:
        run.append(0, *layers(0), METRICS)
    support.check_run_file(path)


def test_a_closed_writer_refuses_checkpoints(tmp_path):
    run = new_writer(tmp_path / "run.h5")
    run.close()
    run.close()  # closing twice is harmless
    with pytest.raises(ValueError, match="closed"):
        run.append(0, *layers(0), METRICS)


BAD_WRITERS = [
    (dict(layer_sizes=[4]), ValueError, "at least two"),
    (dict(layer_sizes="4,8,3"), TypeError, "list of integers"),
    (dict(layer_sizes=[4, 8.0, 3]), TypeError, "not an integer"),
    (dict(activations="relu"), TypeError, "list of 2 names"),
    (dict(activations=["relu"]), ValueError, "1 names for 2 layers"),
    (dict(activations=["sigmoid", "identity"]), ValueError, "activations\\[0\\] = 'sigmoid'"),
    (dict(activations=["relu", "linear"]), ValueError, "'linear' is 'identity'"),
    (dict(activations=["relu", "relu"]), ValueError, "last layer's must be 'identity'"),
    (dict(task="ranking"), ValueError, "task 'ranking'"),
    (dict(probe_x=np.zeros((16, 5))), ValueError, "probe_x has shape \\(16, 5\\)"),
    (dict(probe_x=np.zeros((0, 4))), ValueError, "N >= 1"),
    (dict(probe_x=np.array([["a"] * 4])), TypeError, "real numbers"),
    (dict(probe_y=np.arange(15) % 3), ValueError, "labels \\[N\\] with N = 16"),
    (dict(probe_y=np.full(16, 3)), ValueError, "3 classes"),
    (dict(probe_y=np.eye(3)[np.arange(16) % 3]), ValueError, "argmax"),
    (dict(probe_y=np.full(16, 0.5)), ValueError, "non-integer"),
    (dict(task="regression", probe_y=np.zeros((15, 3))), ValueError, "targets \\[N, n_y\\]"),
    (dict(data_name="gaussian"), ValueError, "needs joint_covariance"),
    (dict(metrics=["epoch"]), ValueError, "reserved"),
    (dict(metrics=["a/b"]), ValueError, "without '/'"),
    (dict(total_steps=-1), ValueError, "negative"),
    (dict(steps_per_epoch=0), ValueError, "positive"),
    (dict(total_steps=10, training={"steps": 20}), ValueError, "total_steps = 10"),
    (dict(data_seed=2 ** 64), ValueError, "int64"),
    (dict(data_name=3), TypeError, "data_name"),
    (dict(probe_source="validation"), ValueError, "probe_source = 'validation'"),
    (dict(input_standardization=(0.1, 0.0)), ValueError, "positive"),
    (dict(input_standardization=0.3), TypeError, "pair"),
]


@pytest.mark.parametrize("options, error, message", BAD_WRITERS)
def test_bad_writer_arguments_are_named_before_any_file_is_made(tmp_path, options, error, message):
    path = tmp_path / "run.h5"
    with pytest.raises(error, match=message):
        new_writer(path, **options)
    assert not path.exists()


W, B = layers(0)
BAD_CHECKPOINTS = [
    (dict(step=1.0), TypeError, "step 1.0 is not an integer"),
    (dict(step=-1), ValueError, "negative"),
    (dict(step=5), ValueError, "step 5 is not after the last checkpoint's step 5"),
    (dict(step=11), ValueError, "past total_steps = 10"),
    (dict(weights=W[:1]), ValueError, "list of 2 arrays"),
    (dict(weights=[W[0].T, W[1]]), ValueError, "looks transposed"),
    (dict(weights=[W[0], np.zeros((3, 7))]), ValueError, "layer 1 maps 8 inputs to 3 outputs"),
    (dict(weights=[W[0], np.zeros((3, 8), dtype=complex)]), TypeError, "weights\\[1\\]: expected real numbers"),
    (dict(biases=[B[0], np.zeros(4)]), ValueError, "biases\\[1\\] has shape \\(4,\\)"),
    (dict(metrics={"val_loss": 1.0}), ValueError, "'val_loss'\\] were not declared"),
    (dict(metrics={"train_loss": "low"}), TypeError, "metrics\\['train_loss'\\] = 'low'"),
    (dict(metrics=[1.0]), TypeError, "dict"),
    (dict(epoch="one"), TypeError, "epoch"),
]


@pytest.mark.parametrize("change, error, message", BAD_CHECKPOINTS)
def test_bad_checkpoints_are_named_and_nothing_is_written(tmp_path, change, error, message):
    path = tmp_path / "run.h5"
    with new_writer(path, total_steps=10) as run:
        run.append(5, W, B, METRICS)
        arguments = dict(step=6, weights=W, biases=B, metrics=METRICS)
        arguments.update(change)
        epoch = arguments.pop("epoch", None)
        with pytest.raises(error, match=message):
            run.append(arguments["step"], arguments["weights"], arguments["biases"], arguments["metrics"], epoch=epoch)
        run.append(6, W, B, METRICS)  # the writer goes on
    with h5py.File(path, "r") as f:
        assert f["checkpoints/step"][()].tolist() == [5, 6]
        assert f["weights/0/weight"].shape[0] == 2


def test_weight_shapes_that_do_not_chain_are_named():
    assert localrank.sizes_from_weights([np.zeros((8, 4)), np.zeros((3, 8))]) == [4, 8, 3]
    with pytest.raises(ValueError, match="weights\\[1\\] has shape \\(3, 7\\).*do not chain"):
        localrank.sizes_from_weights([np.zeros((8, 4)), np.zeros((3, 7))])
    with pytest.raises(ValueError, match="pass each W.T"):
        localrank.sizes_from_weights([np.zeros((4, 8)), np.zeros((8, 3))])


def test_probe_split_and_standardization_are_data_attributes(tmp_path):
    path = tmp_path / "run.h5"
    with new_writer(path, probe_source="test", input_standardization=(0.1307, 0.3081)):
        pass
    with h5py.File(path, "r") as f:
        data = f["data"].attrs
        assert data["probe_source"] == "test"
        assert (data["input_mean"], data["input_std"]) == (0.1307, 0.3081)
        assert data["input_mean"].dtype == np.float64
