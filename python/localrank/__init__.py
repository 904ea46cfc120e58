"""localrank: write local-rank run files (run format v1) from your own training loop.

    from localrank import RunWriter, CheckpointSchedule

RunWriter writes a run checkpoint by checkpoint, in SWMR mode, exactly as lr-train does, so
that `lr-analyze run.h5 --follow` analyzes it while it trains. CheckpointSchedule gives the
steps at which to write (lr-train's --checkpoints: every:N, log:K, a list). The Keras 3
callback is in localrank.keras, imported only when you import it. Needs numpy and h5py only.

    df = localrank.load(["sweep/a.h5", "sweep/b.h5"], eps=[1e-2, 1e-3])

load reads lr-analyze's results from run files and their analysis caches into a pandas
DataFrame (pandas needed then: pip install './python[pandas]'); write_tensorboard writes such
a frame as TensorBoard scalars (tensorboardX); load_information reads the information-plane
estimates that `lr-analyze information` keeps in the caches. See docs/python.md.
"""

from ._version import __version__
from .schedule import CheckpointSchedule, checkpoint_steps
from .validate import sizes_from_weights
from .failures import RunWriteError
from .reading import ExternalDataError, open_run
from .writer import RunWriter
from .results import AnalysisMissingError, load
from .information import load_information
from .tensorboard import write_tensorboard

__all__ = ["RunWriter", "RunWriteError", "open_run", "ExternalDataError", "CheckpointSchedule", "checkpoint_steps",
           "sizes_from_weights", "load", "load_information", "AnalysisMissingError", "write_tensorboard", "__version__"]
