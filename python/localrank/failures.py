"""Failed writes (a full disk, a quota, an I/O error): one clear exception, and a file that
HDF5 is never asked to touch again.

After a write fails, closing the file makes HDF5 flush what it could not write, fail again,
and leave its state half freed: h5py then crashes (a segmentation fault) when it or the
interpreter's exit releases the file. So a file whose write failed is abandoned instead:
every identifier open on it gets one more HDF5 reference, so that nothing ever closes it,
and is kept until the process ends, when the operating system releases the file. What was
flushed before the failure stays on disk; the file stays marked as open for writing, which
readers opening it with ``swmr=True`` (and lr-analyze) get past.
"""

import errno
import os
import re

import h5py

# The errors with which the operating system refuses a write.
WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EROFS}

_abandoned = []


class RunWriteError(OSError):
    """Writing a run file failed; ``errno`` and ``strerror`` say why, ``filename`` names the
    file, and ``checkpoints_kept`` counts the complete checkpoints it keeps."""

    def __init__(self, path, code, checkpoints_kept):
        self.checkpoints_kept = checkpoints_kept
        super().__init__(code, os.strerror(code), path)

    def __str__(self):
        if self.checkpoints_kept == 0:
            kept = "nothing was kept"
        else:
            count = self.checkpoints_kept
            kept = ("its complete checkpoint is kept" if count == 1 else f"its {count} complete checkpoints are kept")
            kept += " (h5py opens the file with swmr=True; lr-analyze reads it as it is)"
        return f"{self.filename}: cannot write it ({self.strerror.lower()}); {kept}"


def error_code(exception):
    """The operating system's error behind an h5py exception, when it is a refused write."""
    code = getattr(exception, "errno", None)
    if code not in WRITE_ERRORS:
        found = re.search(r"errno = (\d+)", str(exception))
        code = int(found.group(1)) if found else None
    return code if code in WRITE_ERRORS else None


def abandon(file):
    """Leaves `file` open for good (see the module's documentation)."""
    try:
        identifiers = h5py.h5f.get_obj_ids(file.id, h5py.h5f.OBJ_ALL)
    except Exception:
        identifiers = [file.id]
    for identifier in identifiers:
        try:
            h5py.h5i.inc_ref(identifier)
        except Exception:
            pass
    _abandoned.append((file, identifiers))


def synchronize(file):
    """Flushes `file` and waits until its bytes are on the disk (fsync), where a late I/O
    error or a network file system's quota shows."""
    file.flush()
    os.fsync(file.id.get_vfd_handle())
