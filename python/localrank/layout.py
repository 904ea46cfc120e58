"""Every name and storage convention of run format v1 (schemas/run-format-v1.md).

These mirror Sources/RunFormat/RunLayout.swift, so that the Python writer and lr-train
produce the same files.
"""

FORMAT = "local-rank-run"
FORMAT_VERSION = 1

# Root attributes.
ATTR_FORMAT = "format"
ATTR_FORMAT_VERSION = "format_version"
ATTR_PRODUCER = "producer"
ATTR_CREATED = "created"
ATTR_HDF5_VERSION = "hdf5_version"

MODEL = "/model"
ATTR_ARCHITECTURE = "architecture"
ATTR_LAYER_SIZES = "layer_sizes"
ATTR_ACTIVATIONS = "activations"
ATTR_WEIGHT_LAYOUT = "weight_layout"
ARCHITECTURE_MLP = "mlp"
ARCHITECTURE_CNN = "cnn"
# A cnn's layers (JSON, localrank.layers) and its input shape (C, H, W).
ATTR_LAYERS = "layers"
ATTR_INPUT_SHAPE = "input_shape"
LAYER_KINDS = ("dense", "conv2d", "max-pool", "average-pool", "flatten")
# The keys of each kind's layer object besides "kind", all stored.
LAYER_KEYS = {
    "dense": ("in_features", "out_features"),
    "conv2d": ("in_channels", "out_channels", "kernel_size", "stride", "padding"),
    "max-pool": ("window", "stride"),
    "average-pool": ("window", "stride"),
    "flatten": (),
}
WEIGHT_LAYOUT_OUT_IN = "out_in"

DATA = "/data"
ATTR_DATA_NAME = "name"
ATTR_TASK = "task"
ATTR_SEED = "seed"
ATTR_TRAIN_COUNT = "n_train"
ATTR_TEST_COUNT = "n_test"
ATTR_SOURCE = "source"
ATTR_PROBE_SOURCE = "probe_source"
PROBE_SOURCES = ("train", "test", "all")
ATTR_INPUT_MEAN = "input_mean"
ATTR_INPUT_STD = "input_std"
JOINT_COVARIANCE = "/data/joint_covariance"
# lr-analyze requires /data/joint_covariance when /data@name is this.
GAUSSIAN_DATA_NAME = "gaussian"

PROBE_INPUTS = "/probe/x"
PROBE_TARGETS = "/probe/y"

CHECKPOINTS = "/checkpoints"
STEPS = "/checkpoints/step"  # the commit record: C is its length (see committed_count)
# The step a row never written reads as, the commit record's fill value: HDF5 2.x can leave
# such a row as the last when a write fails (the new extent reached the disk, not the value).
UNWRITTEN_STEP = -1
EPOCHS = "/checkpoints/epoch"
WALL_TIMES = "/checkpoints/wall_time"
BOOKKEEPING = ("step", "epoch", "wall_time")  # datasets under /checkpoints that are not metrics

TRAINING = "/training"
# The /training attribute lr-analyze --follow reads to know when a run is complete.
TRAINING_STEPS = "steps"

ACTIVATIONS = ("relu", "tanh", "identity")
TASKS = ("regression", "classification")
REGRESSION, CLASSIFICATION = TASKS


def committed_count(steps):
    """The checkpoints a commit record `steps` (its values) commits: all, but a last row that a
    failed write left unfinished (UNWRITTEN_STEP, or 0 from writers without that fill value,
    which does not follow the step before)."""
    count = len(steps)
    if count and (steps[-1] < 0 or (count > 1 and steps[-1] <= steps[-2])):
        return count - 1
    return count


def metric(name):
    """The float64 [C] dataset of a metric (or of epoch, wall_time)."""
    return f"{CHECKPOINTS}/{name}"


def weight(layer):
    """W_l, float32 [C, n_{l+1}, n_l] (a cnn's conv2d layer: [C, out, in, kernel_h, kernel_w])."""
    return f"/weights/{layer}/weight"


def bias(layer):
    """b_l, float32 [C, n_{l+1}] (a cnn's conv2d layer: [C, out_channels])."""
    return f"/weights/{layer}/bias"


def activations(layer):
    """The probe pre-activations z_l, float32 [C, N, n_{l+1}]."""
    return f"/activations/{layer}"


def required_metrics(task):
    """The metrics every run of this task has (lr-analyze refuses a file without them)."""
    return ("train_loss", "test_loss") + (("test_accuracy",) if task == CLASSIFICATION else ())


# Storage of every [C, ...] dataset: an unlimited first axis, one checkpoint per chunk,
# and these filters (h5py create_dataset keywords). Fletcher-32 makes a damaged chunk
# fail to read instead of returning wrong weights.
CHECKPOINT_FILTERS = dict(shuffle=True, compression="gzip", compression_opts=4, fletcher32=True)

# The HDF5 1.10 file format: what SWMR needs, and what the HDF5 1.10 library of Debian 12
# (lr-analyze's) reads. "latest" would let HDF5 2.x wheels write a chunk index 1.10 cannot read.
LIBVER = ("v110", "v110")
