"""open_run: opens a run file (or an analysis cache) for reading as lr-analyze does, refusing
one that would make h5py read other files.

A file received from elsewhere can point into other files: an external link, a dataset with
external raw storage (``create_dataset(..., external=[(path, offset, size)])``), or a
virtual dataset whose sources are in other files. h5py follows all three silently, so a
shared run could make your analysis read (and then publish) any file you can read. open_run
refuses them unless ``allow_external=True``, as lr-analyze refuses them without
``--allow-external``.
"""

import ctypes
import os

import h5py


class ExternalDataError(ValueError):
    """The file points into another file; ``path`` is the object, ``target`` the other file."""

    def __init__(self, file, path, target, means):
        self.file, self.path, self.target, self.means = file, path, target, means
        super().__init__(f"{file}: {path}: its data is stored in another file, {target} ({means}); "
                         "pass allow_external=True to read it")


def open_run(path, *, allow_external=False):
    """The file at `path`, open for reading with h5py.

    As a SWMR reader when a writer has the file open (a run still training, or one whose
    writer was killed or failed), which sees what the writer commits: call ``.refresh()``
    on a dataset to see more. Raises ExternalDataError when an object points into another
    file, unless `allow_external`.
    """
    try:
        file = h5py.File(path, "r")
    except OSError as error:
        if "already open for write" not in str(error):
            raise
        file = _open_swmr(path)
    if not allow_external:
        try:
            for found in external_objects(file):
                raise ExternalDataError(path, *found)
        except BaseException:
            file.close()
            raise
    return file


# A SWMR reader retries a metadata read whose checksum fails, sleeping 1 ns, 2 ns, 4 ns, ...
# between attempts: HDF5's default of 100 attempts makes a damaged file hang for ever; 24
# wait about 8 ms, ample for a writer to finish an update (lr-analyze's bound too).
SWMR_METADATA_READ_ATTEMPTS = 24


def _open_swmr(path):
    """`path` opened as a SWMR reader with bounded metadata retries where the HDF5 library
    h5py loaded offers the call (h5py does not expose it)."""
    fapl = h5py.h5p.create(h5py.h5p.FILE_ACCESS)
    fapl.set_fclose_degree(h5py.h5f.CLOSE_STRONG)
    setter = _hdf5_function("H5Pset_metadata_read_attempts")
    if setter is not None:
        setter(ctypes.c_int64(fapl.id), ctypes.c_uint(SWMR_METADATA_READ_ATTEMPTS))
    identifier = h5py.h5f.open(os.fsencode(path), h5py.h5f.ACC_RDONLY | h5py.h5f.ACC_SWMR_READ, fapl=fapl)
    return h5py.File(identifier)


def _hdf5_function(name):
    """`name` from the HDF5 library h5py has loaded, or None."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "libhdf5" in line and "libhdf5_hl" not in line
                     and line.split()[-1].startswith("/")}
        for path in sorted(paths):
            return getattr(ctypes.CDLL(path), name)
    except (OSError, AttributeError):
        pass
    return None


def external_objects(group):
    """Every (object path, other file, how) of `group` and below that points into another file."""
    seen = set()

    def visit(group):
        for name in group:
            link = group.get(name, getlink=True)
            path = f"{group.name.rstrip('/')}/{name}"
            if isinstance(link, h5py.ExternalLink):
                yield path, f"{link.filename}:{link.path}", "an external link"
                continue
            if not isinstance(link, h5py.HardLink):
                continue
            member = group[name]
            address = h5py.h5o.get_info(member.id).addr
            if address in seen:
                continue
            seen.add(address)
            if isinstance(member, h5py.Group):
                yield from visit(member)
            elif isinstance(member, h5py.Dataset):
                yield from _dataset_elsewhere(member, path)

    yield from visit(group)


def _dataset_elsewhere(dataset, path):
    plist = dataset.id.get_create_plist()
    if plist.get_external_count() > 0:
        name = plist.get_external(0)[0]
        yield path, name.decode(errors="replace") if isinstance(name, bytes) else name, "external raw storage"
    if dataset.is_virtual:
        for source in dataset.virtual_sources():
            if source.file_name != ".":
                yield path, source.file_name, "a source of a virtual dataset"
