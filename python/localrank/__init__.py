"""localrank: write local-rank run files (run format v1) from your own training loop.

    from localrank import RunWriter, CheckpointSchedule

RunWriter writes a run checkpoint by checkpoint, in SWMR mode, exactly as lr-train does, so
that `lr-analyze run.h5 --follow` analyzes it while it trains. CheckpointSchedule gives the
steps at which to write (lr-train's --checkpoints: every:N, log:K, a list). The Keras 3
callback is in localrank.keras, imported only when you import it. Needs numpy and h5py only.
See docs/python.md.
"""

from ._version import __version__
from .schedule import CheckpointSchedule, checkpoint_steps
from .validate import sizes_from_weights
from .failures import RunWriteError
from .reading import ExternalDataError, open_run
from .writer import RunWriter

__all__ = ["RunWriter", "RunWriteError", "open_run", "ExternalDataError", "CheckpointSchedule", "checkpoint_steps",
           "sizes_from_weights", "__version__"]
