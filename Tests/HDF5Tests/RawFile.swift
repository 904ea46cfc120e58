import HDF5
import Testing
import _HDF5Shims

/// Opens `path` for writing with the C API and runs `body` on the file
/// identifier, under the library lock. For building objects this module
/// deliberately cannot create (external links, fixed-length string datasets).
func withRawFile(_ path: String, _ body: (hid_t) throws -> Void) throws {
    try HDF5Library.withLock {
        let file = H5Fopen(path, _h5f_acc_rdwr(), _h5p_default())
        try #require(file >= 0, "H5Fopen(\(path)) failed")
        defer { H5Fclose(file) }
        try body(file)
    }
}

/// Adds an external link `name` in the root group pointing to `targetFile:targetPath`.
func createExternalLink(in path: String, named name: String, to targetFile: String, _ targetPath: String) throws {
    try withRawFile(path) { file in
        #expect(H5Lcreate_external(targetFile, targetPath, file, name, _h5p_default(), _h5p_default()) >= 0)
    }
}

/// Adds a soft link `name` in the root group pointing to `targetPath`.
func createSoftLink(in path: String, named name: String, to targetPath: String) throws {
    try withRawFile(path) { file in
        #expect(H5Lcreate_soft(targetPath, file, name, _h5p_default(), _h5p_default()) >= 0)
    }
}

/// Adds a one-dimensional dataset of fixed-length (null-padded) strings of `width` bytes.
func createFixedLengthStringDataset(in path: String, named name: String, _ values: [String], width: Int) throws {
    try withRawFile(path) { file in
        let type = H5Tcopy(_h5_c_s1())
        defer { H5Tclose(type) }
        #expect(H5Tset_size(type, width) >= 0)
        #expect(H5Tset_strpad(type, H5T_STR_NULLPAD) >= 0)
        let space = H5Screate_simple(1, [hsize_t(values.count)], nil)
        defer { H5Sclose(space) }
        let dataset = H5Dcreate2(file, name, type, space, _h5p_default(), _h5p_default(), _h5p_default())
        try #require(dataset >= 0)
        defer { H5Dclose(dataset) }
        var bytes: [UInt8] = []
        for value in values {
            let utf8 = Array(value.utf8.prefix(width))
            bytes += utf8 + Array(repeating: 0, count: width - utf8.count)
        }
        #expect(H5Dwrite(dataset, type, _h5s_all(), _h5s_all(), _h5p_default(), bytes) >= 0)
    }
}
