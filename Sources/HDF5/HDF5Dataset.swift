import _HDF5Shims

/// A dataset: an n-dimensional array of elements of one type.
///
/// Values are exchanged as flat arrays in row-major order (the last axis
/// varies fastest), as in C, NumPy and h5py. Reading converts from the stored
/// numeric type to the requested one; strings and other non-numeric types
/// are refused with an error rather than converted.
public final class HDF5Dataset: HDF5Object, @unchecked Sendable {
    // MARK: Description

    /// The current extent, one entry per axis (`[]` for a scalar). Read from
    /// the file each time, so a SWMR reader sees growth after `refresh()`.
    public var shape: [Int] {
        get throws(HDF5Error) { try HDF5Library.withLock { () throws(HDF5Error) in try extent(HDF5Call("read dataset shape", location)).shape } }
    }

    /// How far each axis may grow; `nil` entries are unlimited.
    public var maximumShape: [Int?] {
        get throws(HDF5Error) {
            try HDF5Library.withLock { () throws(HDF5Error) in try extent(HDF5Call("read dataset maximum shape", location)).maximumShape }
        }
    }

    /// The chunk extent, or `nil` for contiguous and compact datasets.
    public var chunkShape: [Int]? {
        get throws(HDF5Error) {
            try HDF5Library.withLock { () throws(HDF5Error) -> [Int]? in
                let call = HDF5Call("read dataset chunk shape", location)
                let list = try creationList(call)
                defer { list.close() }
                guard try H5P.layout(list.rawValue, call) == H5D_CHUNKED else { return nil }
                return try H5P.chunk(list.rawValue, call).map { (dimension) throws(HDF5Error) -> Int in
                    guard let extent = Int(exactly: dimension) else {
                        throw call.error("a chunk extent of \(dimension) is too large")
                    }
                    return extent
                }
            }
        }
    }

    /// The type of the stored elements.
    public var elementType: HDF5ElementType {
        get throws(HDF5Error) {
            try HDF5Library.withLock { () throws(HDF5Error) -> HDF5ElementType in
                try storedElementType(HDF5Call("read dataset element type", location))
            }
        }
    }

    /// The gzip compression level, or `nil` when the dataset is not compressed with deflate.
    public var deflateLevel: Int? {
        get throws(HDF5Error) {
            try filters().first { $0.filter == H5Z_FILTER_DEFLATE }.map { Int($0.parameters.first ?? 0) }
        }
    }

    /// Whether the byte-shuffle filter is applied.
    public var isShuffled: Bool {
        get throws(HDF5Error) { try filters().contains { $0.filter == H5Z_FILTER_SHUFFLE } }
    }

    /// Whether every chunk carries a Fletcher-32 checksum.
    public var isChecksummed: Bool {
        get throws(HDF5Error) { try filters().contains { $0.filter == H5Z_FILTER_FLETCHER32 } }
    }

    // MARK: Reading

    /// Reads the whole dataset, in row-major order, converting the stored
    /// numeric type to `T`.
    ///
    /// Throws when the stored type is not numeric, and when the data would
    /// need more than `HDF5Limits.maximumReadBytes` of memory: the size
    /// comes from the file, which may declare an absurd extent.
    public func read<T: HDF5Scalar>(as type: T.Type = T.self) throws(HDF5Error) -> [T] {
        try HDF5Library.withLock { () throws(HDF5Error) -> [T] in
            let (dataset, call) = try begin("read dataset")
            let memoryType = try requireNumericStorage(of: T.self, reading: true, call)
            let count = try extent(call).elementCount(call)
            return try readBuffer(count: count, call) { (buffer) throws(HDF5Error) in
                try H5D.read(dataset, memoryType: memoryType, into: buffer, call)
            }
        }
    }

    /// Reads the hyperslab that starts at `offset` and spans `count`
    /// elements along each axis, in row-major order; for example offset
    /// `[k, 0, 0]` and count `[1, n, m]` reads the `k`-th `n`×`m` matrix.
    public func read<T: HDF5Scalar>(as type: T.Type = T.self, offset: [Int], count: [Int]) throws(HDF5Error) -> [T] {
        try HDF5Library.withLock { () throws(HDF5Error) -> [T] in
            let (dataset, call) = try begin("read dataset")
            let memoryType = try requireNumericStorage(of: T.self, reading: true, call)
            let fileSpace = try H5D.space(dataset, call)
            defer { fileSpace.close() }
            let shape = try HDF5Shape.extent(of: fileSpace.rawValue, call).shape
            let elementCount = try HDF5Shape.validateSelection(offset: offset, count: count, in: shape, call)
            _ = try HDF5Shape.readBufferByteCount(elementCount: elementCount, elementByteCount: MemoryLayout<T>.stride, call)
            if elementCount == 0 { return [] }
            let memorySpace = try select(offset: offset, count: count, in: fileSpace, call)
            defer { memorySpace.close() }
            return try readBuffer(count: elementCount, call) { (buffer) throws(HDF5Error) in
                try H5D.read(dataset, memoryType: memoryType, memorySpace: memorySpace.rawValue,
                             fileSpace: fileSpace.rawValue, into: buffer, call)
            }
        }
    }

    /// Reads a dataset of strings (fixed- or variable-length, ASCII or
    /// UTF-8) as a flat array in row-major order.
    public func readStrings() throws(HDF5Error) -> [String] {
        try HDF5Library.withLock { () throws(HDF5Error) -> [String] in
            let (dataset, call) = try begin("read dataset")
            let datatype = try H5D.type(dataset, call)
            defer { datatype.close() }
            let space = try H5D.space(dataset, call)
            defer { space.close() }
            let count = try HDF5Shape.extent(of: space.rawValue, call).elementCount(call)
            return try HDF5StringType.read(datatype: datatype.rawValue, space: space.rawValue, count: count, call) {
                (memoryType, buffer) throws(HDF5Error) in
                try H5D.read(dataset, memoryType: memoryType, into: buffer, call)
            }
        }
    }

    // MARK: Writing

    /// Writes the whole dataset; `values.count` must equal the number of
    /// elements of the current shape.
    public func write<T: HDF5Scalar>(_ values: [T]) throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let (dataset, call) = try begin("write dataset", writing: true)
            let memoryType = try requireNumericStorage(of: T.self, reading: false, call)
            let extent = try extent(call)
            let count = try extent.elementCount(call)
            guard values.count == count else {
                throw call.error("\(values.count) values do not fill shape \(extent.shape) (\(count) elements)")
            }
            if count == 0 { return }
            HDF5Watchdog.moving(bytes: count * MemoryLayout<T>.stride)
            try withBytes(of: values) { (buffer) throws(HDF5Error) in
                try H5D.write(dataset, memoryType: memoryType, from: buffer.baseAddress, call)
            }
        }
    }

    /// Writes `values` to the hyperslab that starts at `offset` and spans
    /// `count` elements along each axis; `values.count` must equal the
    /// product of `count`.
    public func write<T: HDF5Scalar>(_ values: [T], offset: [Int], count: [Int]) throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let (dataset, call) = try begin("write dataset", writing: true)
            let memoryType = try requireNumericStorage(of: T.self, reading: false, call)
            let fileSpace = try H5D.space(dataset, call)
            defer { fileSpace.close() }
            let shape = try HDF5Shape.extent(of: fileSpace.rawValue, call).shape
            let elementCount = try HDF5Shape.validateSelection(offset: offset, count: count, in: shape, call)
            guard values.count == elementCount else {
                throw call.error("\(values.count) values do not fill count \(count) (\(elementCount) elements)")
            }
            if elementCount == 0 { return }
            let memorySpace = try select(offset: offset, count: count, in: fileSpace, call)
            defer { memorySpace.close() }
            HDF5Watchdog.moving(bytes: elementCount * MemoryLayout<T>.stride)
            try withBytes(of: values) { (buffer) throws(HDF5Error) in
                try H5D.write(dataset, memoryType: memoryType, memorySpace: memorySpace.rawValue,
                              fileSpace: fileSpace.rawValue, from: buffer.baseAddress, call)
            }
        }
    }

    /// Changes the extent to `shape`, within `maximumShape`. Growing exposes
    /// elements that read as zero until written; shrinking discards data.
    public func extend(to shape: [Int]) throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let (dataset, call) = try begin("extend dataset", writing: true)
            let extent = try extent(call)
            let (current, maximum) = (extent.shape, extent.maximumShape)
            guard shape.count == current.count else {
                throw call.error("shape \(shape) does not have the dataset's rank \(current.count)")
            }
            for (axis, extent) in shape.enumerated() {
                guard extent >= 0 else { throw call.error("shape \(shape) has a negative extent") }
                if let limit = maximum[axis], extent > limit {
                    throw call.error("shape \(shape) exceeds the maximum shape \(HDF5DatasetLayout.format(maximum))")
                }
            }
            try H5D.setExtent(dataset, HDF5Shape.dimensions(shape), call)
        }
    }

    /// Grows the first axis by one and writes `values` into the new slice;
    /// `values.count` must equal the product of the other axes' extents.
    /// The usual way to add one step to a time series.
    public func append<T: HDF5Scalar>(_ values: [T]) throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let (_, call) = try begin("append to dataset", writing: true)
            _ = try requireNumericStorage(of: T.self, reading: false, call)
            let extent = try extent(call)
            let (shape, maximum) = (extent.shape, extent.maximumShape)
            guard let length = shape.first else {
                throw call.error("a scalar dataset has no axis to append along")
            }
            let rest = Array(shape.dropFirst())
            let sliceCount = try HDF5Shape.elementCount(rest, call)
            guard values.count == sliceCount else {
                throw call.error("\(values.count) values do not fill a slice of shape \(rest) (\(sliceCount) elements)")
            }
            if let limit = maximum[0], length >= limit {
                throw call.error("the first axis is already at its maximum extent \(limit)")
            }
            guard length < Int.max else { throw call.error("the first axis cannot grow further") }
            var grown = shape
            grown[0] = length + 1
            try extend(to: grown)
            do throws(HDF5Error) {
                try write(values, offset: [length] + rest.map { _ in 0 }, count: [1] + rest)
            } catch {
                // Undo the growth so that no unwritten slice is left behind.
                try? extend(to: shape)
                throw error
            }
        }
    }

    /// Reloads the dataset's metadata from the file, so that a SWMR reader
    /// sees the extent and data a writer has flushed since.
    public func refresh() throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let (dataset, call) = try begin("refresh dataset")
            try H5D.refresh(dataset, call)
        }
    }

    /// Flushes this dataset's buffered data and metadata to the file.
    public func flush() throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let (dataset, call) = try begin("flush dataset", writing: true)
            try H5D.flush(dataset, call)
        }
    }

    /// Closes the dataset now rather than when it is released. Later operations on it
    /// throw. Closing writes what its chunk cache holds: a failure there is kept as the
    /// file's (`HDF5File`'s failed writes), so that the next flush or close reports it.
    public func close() {
        identifier.close()
    }

    // MARK: Helpers (call with the lock held)

    private func extent(_ call: HDF5Call) throws(HDF5Error) -> HDF5Extent {
        let space = try H5D.space(try identifier.open(call), call)
        defer { space.close() }
        return try HDF5Shape.extent(of: space.rawValue, call)
    }

    private func storedElementType(_ call: HDF5Call) throws(HDF5Error) -> HDF5ElementType {
        let datatype = try H5D.type(try identifier.open(call), call)
        defer { datatype.close() }
        return try HDF5ElementType(datatype: datatype.rawValue, call)
    }

    private func creationList(_ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        try H5D.creationList(try identifier.open(call), call)
    }

    /// The memory datatype of `T`, after checking that the stored type is numeric.
    private func requireNumericStorage<T: HDF5Scalar>(
        of type: T.Type, reading: Bool, _ call: HDF5Call
    ) throws(HDF5Error) -> hid_t {
        let memoryType = try T.nativeDatatype(call)
        let stored = try storedElementType(call)
        guard stored.isNumeric else {
            throw call.error("stored as \(stored), " + (reading ? "cannot read as \(T.elementType)" : "cannot write \(T.elementType) values"))
        }
        return memoryType
    }

    /// `count` elements read by `read` into a new array, after checking that they fit the
    /// read limit; the watchdog is told of the bytes.
    private func readBuffer<T: HDF5Scalar>(
        count: Int, _ call: HDF5Call, _ read: (UnsafeMutableRawPointer?) throws(HDF5Error) -> Void
    ) throws(HDF5Error) -> [T] {
        _ = try HDF5Shape.readBufferByteCount(elementCount: count, elementByteCount: MemoryLayout<T>.stride, call)
        if count == 0 { return [] }
        HDF5Watchdog.moving(bytes: count * MemoryLayout<T>.stride)
        return try hdf5Array(count: count, read)
    }

    /// Selects the hyperslab in `fileSpace` and returns a matching memory
    /// dataspace. The selection must have been validated.
    private func select(
        offset: [Int], count: [Int], in fileSpace: HDF5Identifier, _ call: HDF5Call
    ) throws(HDF5Error) -> HDF5Identifier {
        // A scalar: the whole (single-element) dataspace.
        if offset.isEmpty { return try H5S.scalar(call) }
        let extent = HDF5Shape.dimensions(count)
        try H5S.selectBlock(fileSpace.rawValue, start: HDF5Shape.dimensions(offset), count: extent, call)
        return try H5S.simple(extent, call)
    }

    private func filters() throws(HDF5Error) -> [(filter: H5Z_filter_t, parameters: [UInt32])] {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let call = HDF5Call("read dataset filters", location)
            let list = try creationList(call)
            defer { list.close() }
            return try H5P.filters(list.rawValue, call)
        }
    }

}
