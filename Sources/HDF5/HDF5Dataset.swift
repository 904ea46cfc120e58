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
        get throws { try HDF5Library.withLock { try extent("read dataset shape").shape } }
    }

    /// How far each axis may grow; `nil` entries are unlimited.
    public var maximumShape: [Int?] {
        get throws { try HDF5Library.withLock { try extent("read dataset maximum shape").maximumShape } }
    }

    /// The chunk extent, or `nil` for contiguous and compact datasets.
    public var chunkShape: [Int]? {
        get throws {
            try HDF5Library.withLock {
                let operation = "read dataset chunk shape"
                let list = try creationList(operation)
                defer { list.close() }
                let layout = H5Pget_layout(list.rawValue)
                try HDF5Library.check(layout.rawValue, operation, location.description, calling: "H5Pget_layout")
                guard layout == H5D_CHUNKED else { return nil }
                var dimensions = [hsize_t](repeating: 0, count: HDF5Shape.maximumRank)
                let rank = H5Pget_chunk(list.rawValue, Int32(dimensions.count), &dimensions)
                try HDF5Library.check(rank, operation, location.description, calling: "H5Pget_chunk")
                return try dimensions.prefix(Int(rank)).map { dimension in
                    guard let extent = Int(exactly: dimension) else {
                        throw location.error(operation, "a chunk extent of \(dimension) is too large")
                    }
                    return extent
                }
            }
        }
    }

    /// The type of the stored elements.
    public var elementType: HDF5ElementType {
        get throws {
            try HDF5Library.withLock {
                let datatype = try storedDatatype("read dataset element type")
                defer { datatype.close() }
                return HDF5ElementType(datatype: datatype.rawValue)
            }
        }
    }

    /// The gzip compression level, or `nil` when the dataset is not compressed with deflate.
    public var deflateLevel: Int? {
        get throws {
            try HDF5Library.withLock {
                try filters("read dataset filters").first { $0.filter == H5Z_FILTER_DEFLATE }
                    .map { Int($0.parameters.first ?? 0) }
            }
        }
    }

    /// Whether the byte-shuffle filter is applied.
    public var isShuffled: Bool {
        get throws {
            try HDF5Library.withLock {
                try filters("read dataset filters").contains { $0.filter == H5Z_FILTER_SHUFFLE }
            }
        }
    }

    /// Whether every chunk carries a Fletcher-32 checksum.
    public var isChecksummed: Bool {
        get throws {
            try HDF5Library.withLock {
                try filters("read dataset filters").contains { $0.filter == H5Z_FILTER_FLETCHER32 }
            }
        }
    }

    // MARK: Reading

    /// Reads the whole dataset, in row-major order, converting the stored
    /// numeric type to `T`.
    ///
    /// Throws when the stored type is not numeric, and when the data would
    /// need more than `HDF5Limits.maximumReadBytes` of memory: the size
    /// comes from the file, which may declare an absurd extent.
    public func read<T: HDF5Scalar>(as type: T.Type = T.self) throws -> [T] {
        try HDF5Library.withLock {
            let operation = "read dataset"
            let dataset = try identifier.open(operation, location)
            let memoryType = try T.nativeDatatype(operation, location)
            try requireNumericStorage(reading: T.self, operation)
            let count = try extent(operation).elementCount(operation, location)
            _ = try HDF5Shape.readBufferByteCount(
                elementCount: count, elementByteCount: MemoryLayout<T>.stride, operation, location)
            if count == 0 { return [] }
            HDF5Watchdog.moving(bytes: count * MemoryLayout<T>.stride)
            return try [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
                try HDF5Library.check(
                    H5Dread(dataset, memoryType, _h5s_all(), _h5s_all(), _h5p_default(), buffer.baseAddress),
                    operation, location.description, calling: "H5Dread")
                initializedCount = count
            }
        }
    }

    /// Reads the hyperslab that starts at `offset` and spans `count`
    /// elements along each axis, in row-major order; for example offset
    /// `[k, 0, 0]` and count `[1, n, m]` reads the `k`-th `n`×`m` matrix.
    public func read<T: HDF5Scalar>(as type: T.Type = T.self, offset: [Int], count: [Int]) throws -> [T] {
        try HDF5Library.withLock {
            let operation = "read dataset"
            let dataset = try identifier.open(operation, location)
            let memoryType = try T.nativeDatatype(operation, location)
            try requireNumericStorage(reading: T.self, operation)
            let fileSpace = try dataspace(operation)
            defer { fileSpace.close() }
            let shape = try HDF5Shape.extent(of: fileSpace.rawValue, operation, location).shape
            let elementCount = try HDF5Shape.validateSelection(
                offset: offset, count: count, in: shape, operation, location)
            _ = try HDF5Shape.readBufferByteCount(
                elementCount: elementCount, elementByteCount: MemoryLayout<T>.stride, operation, location)
            if elementCount == 0 { return [] }
            let memorySpace = try select(offset: offset, count: count, in: fileSpace, operation)
            defer { memorySpace.close() }
            HDF5Watchdog.moving(bytes: elementCount * MemoryLayout<T>.stride)
            return try [T](unsafeUninitializedCapacity: elementCount) { buffer, initializedCount in
                try HDF5Library.check(
                    H5Dread(dataset, memoryType, memorySpace.rawValue, fileSpace.rawValue, _h5p_default(),
                            buffer.baseAddress),
                    operation, location.description, calling: "H5Dread")
                initializedCount = elementCount
            }
        }
    }

    /// Reads a dataset of strings (fixed- or variable-length, ASCII or
    /// UTF-8) as a flat array in row-major order.
    public func readStrings() throws -> [String] {
        try HDF5Library.withLock {
            let operation = "read dataset"
            let dataset = try identifier.open(operation, location)
            let datatype = try storedDatatype(operation)
            defer { datatype.close() }
            let space = try dataspace(operation)
            defer { space.close() }
            let count = try HDF5Shape.extent(of: space.rawValue, operation, location)
                .elementCount(operation, location)
            return try HDF5StringType.read(
                datatype: datatype.rawValue, space: space.rawValue, count: count, operation, location
            ) { memoryType, buffer in
                H5Dread(dataset, memoryType, _h5s_all(), _h5s_all(), _h5p_default(), buffer)
            }
        }
    }

    // MARK: Writing

    /// Writes the whole dataset; `values.count` must equal the number of
    /// elements of the current shape.
    public func write<T: HDF5Scalar>(_ values: [T]) throws {
        try HDF5Library.withLock {
            let operation = "write dataset"
            let dataset = try identifier.open(operation, location)
            try file.requireWritable(operation, location)
            let memoryType = try T.nativeDatatype(operation, location)
            try requireNumericStorage(writing: T.self, operation)
            let extent = try extent(operation)
            let shape = extent.shape
            let count = try extent.elementCount(operation, location)
            guard values.count == count else {
                throw location.error(
                    operation, "\(values.count) values do not fill shape \(shape) (\(count) elements)")
            }
            if count == 0 { return }
            HDF5Watchdog.moving(bytes: count * MemoryLayout<T>.stride)
            try values.withUnsafeBufferPointer { buffer in
                try HDF5Library.checkWrite(
                    H5Dwrite(dataset, memoryType, _h5s_all(), _h5s_all(), _h5p_default(), buffer.baseAddress),
                    operation, location.description, calling: "H5Dwrite", file.writes)
            }
        }
    }

    /// Writes `values` to the hyperslab that starts at `offset` and spans
    /// `count` elements along each axis; `values.count` must equal the
    /// product of `count`.
    public func write<T: HDF5Scalar>(_ values: [T], offset: [Int], count: [Int]) throws {
        try HDF5Library.withLock {
            let operation = "write dataset"
            let dataset = try identifier.open(operation, location)
            try file.requireWritable(operation, location)
            let memoryType = try T.nativeDatatype(operation, location)
            try requireNumericStorage(writing: T.self, operation)
            let fileSpace = try dataspace(operation)
            defer { fileSpace.close() }
            let shape = try HDF5Shape.extent(of: fileSpace.rawValue, operation, location).shape
            let elementCount = try HDF5Shape.validateSelection(
                offset: offset, count: count, in: shape, operation, location)
            guard values.count == elementCount else {
                throw location.error(
                    operation, "\(values.count) values do not fill count \(count) (\(elementCount) elements)")
            }
            if elementCount == 0 { return }
            let memorySpace = try select(offset: offset, count: count, in: fileSpace, operation)
            defer { memorySpace.close() }
            HDF5Watchdog.moving(bytes: elementCount * MemoryLayout<T>.stride)
            try values.withUnsafeBufferPointer { buffer in
                try HDF5Library.checkWrite(
                    H5Dwrite(dataset, memoryType, memorySpace.rawValue, fileSpace.rawValue, _h5p_default(),
                             buffer.baseAddress),
                    operation, location.description, calling: "H5Dwrite", file.writes)
            }
        }
    }

    /// Changes the extent to `shape`, within `maximumShape`. Growing exposes
    /// elements that read as zero until written; shrinking discards data.
    public func extend(to shape: [Int]) throws {
        try HDF5Library.withLock {
            let operation = "extend dataset"
            let dataset = try identifier.open(operation, location)
            try file.requireWritable(operation, location)
            let extent = try extent(operation)
            let (current, maximum) = (extent.shape, extent.maximumShape)
            guard shape.count == current.count else {
                throw location.error(operation, "shape \(shape) does not have the dataset's rank \(current.count)")
            }
            for (axis, extent) in shape.enumerated() {
                guard extent >= 0 else {
                    throw location.error(operation, "shape \(shape) has a negative extent")
                }
                if let limit = maximum[axis], extent > limit {
                    throw location.error(
                        operation,
                        "shape \(shape) exceeds the maximum shape \(HDF5DatasetLayout.format(maximum))")
                }
            }
            try HDF5Library.checkWrite(H5Dset_extent(dataset, HDF5Shape.dimensions(shape)),
                                       operation, location.description, calling: "H5Dset_extent", file.writes)
        }
    }

    /// Grows the first axis by one and writes `values` into the new slice;
    /// `values.count` must equal the product of the other axes' extents.
    /// The usual way to add one step to a time series.
    public func append<T: HDF5Scalar>(_ values: [T]) throws {
        try HDF5Library.withLock {
            let operation = "append to dataset"
            try file.requireWritable(operation, location)
            _ = try T.nativeDatatype(operation, location)
            try requireNumericStorage(writing: T.self, operation)
            let extent = try extent(operation)
            let (shape, maximum) = (extent.shape, extent.maximumShape)
            guard let length = shape.first else {
                throw location.error(operation, "a scalar dataset has no axis to append along")
            }
            let rest = Array(shape.dropFirst())
            let sliceCount = try HDF5Shape.elementCount(rest, operation, location)
            guard values.count == sliceCount else {
                throw location.error(
                    operation, "\(values.count) values do not fill a slice of shape \(rest) (\(sliceCount) elements)")
            }
            if let limit = maximum[0], length >= limit {
                throw location.error(
                    operation, "the first axis is already at its maximum extent \(limit)")
            }
            guard length < Int.max else {
                throw location.error(operation, "the first axis cannot grow further")
            }
            var grown = shape
            grown[0] = length + 1
            try extend(to: grown)
            do {
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
    public func refresh() throws {
        try HDF5Library.withLock {
            let operation = "refresh dataset"
            let dataset = try identifier.open(operation, location)
            try HDF5Library.check(H5Drefresh(dataset), operation, location.description, calling: "H5Drefresh")
        }
    }

    /// Flushes this dataset's buffered data and metadata to the file.
    public func flush() throws {
        try HDF5Library.withLock {
            let operation = "flush dataset"
            let dataset = try identifier.open(operation, location)
            try file.requireWritable(operation, location)
            try HDF5Library.checkWrite(H5Dflush(dataset), operation, location.description, calling: "H5Dflush",
                                       file.writes, breaksFile: true)
        }
    }

    /// Closes the dataset now rather than when it is released. Later operations on it
    /// throw. Closing writes what its chunk cache holds: a failure there is kept as the
    /// file's (`HDF5File`'s failed writes), so that the next flush or close reports it.
    public func close() {
        identifier.close()
    }

    // MARK: Helpers (call with the lock held)

    private func dataspace(_ operation: String) throws -> HDF5Identifier {
        let dataset = try identifier.open(operation, location)
        return try HDF5Library.own(H5Dget_space(dataset), as: .dataspace,
                                   operation, location.description, calling: "H5Dget_space")
    }

    private func extent(_ operation: String) throws -> HDF5Extent {
        let space = try dataspace(operation)
        defer { space.close() }
        return try HDF5Shape.extent(of: space.rawValue, operation, location)
    }

    private func storedDatatype(_ operation: String) throws -> HDF5Identifier {
        let dataset = try identifier.open(operation, location)
        return try HDF5Library.own(H5Dget_type(dataset), as: .datatype,
                                   operation, location.description, calling: "H5Dget_type")
    }

    private func creationList(_ operation: String) throws -> HDF5Identifier {
        let dataset = try identifier.open(operation, location)
        return try HDF5Library.own(H5Dget_create_plist(dataset), as: .propertyList,
                                   operation, location.description, calling: "H5Dget_create_plist")
    }

    private func requireNumericStorage<T: HDF5Scalar>(reading type: T.Type, _ operation: String) throws {
        let datatype = try storedDatatype(operation)
        defer { datatype.close() }
        let stored = HDF5ElementType(datatype: datatype.rawValue)
        guard stored.isNumeric else {
            throw location.error(operation, "stored as \(stored), cannot read as \(T.elementType)")
        }
    }

    private func requireNumericStorage<T: HDF5Scalar>(writing type: T.Type, _ operation: String) throws {
        let datatype = try storedDatatype(operation)
        defer { datatype.close() }
        let stored = HDF5ElementType(datatype: datatype.rawValue)
        guard stored.isNumeric else {
            throw location.error(operation, "stored as \(stored), cannot write \(T.elementType) values")
        }
    }

    /// Selects the hyperslab in `fileSpace` and returns a matching memory
    /// dataspace. The selection must have been validated.
    private func select(
        offset: [Int], count: [Int], in fileSpace: HDF5Identifier, _ operation: String
    ) throws -> HDF5Identifier {
        if offset.isEmpty {
            // A scalar: the whole (single-element) dataspace.
            return try HDF5Library.own(H5Screate(H5S_SCALAR), as: .dataspace,
                                       operation, location.description, calling: "H5Screate")
        }
        let start = HDF5Shape.dimensions(offset)
        let extent = HDF5Shape.dimensions(count)
        try HDF5Library.check(
            H5Sselect_hyperslab(fileSpace.rawValue, H5S_SELECT_SET, start, nil, extent, nil),
            operation, location.description, calling: "H5Sselect_hyperslab")
        return try HDF5Library.own(H5Screate_simple(Int32(count.count), extent, nil), as: .dataspace,
                                   operation, location.description, calling: "H5Screate_simple")
    }

    private struct Filter {
        var filter: H5Z_filter_t
        var parameters: [UInt32]
    }

    private func filters(_ operation: String) throws -> [Filter] {
        let list = try creationList(operation)
        defer { list.close() }
        let count = H5Pget_nfilters(list.rawValue)
        try HDF5Library.check(count, operation, location.description, calling: "H5Pget_nfilters")
        var filters: [Filter] = []
        for index in 0..<UInt32(count) {
            var flags: UInt32 = 0
            var parameterCount = 8
            var parameters = [UInt32](repeating: 0, count: parameterCount)
            var configuration: UInt32 = 0
            let filter = H5Pget_filter2(list.rawValue, index, &flags, &parameterCount, &parameters, 0, nil,
                                        &configuration)
            try HDF5Library.check(filter, operation, location.description, calling: "H5Pget_filter2")
            filters.append(Filter(filter: filter, parameters: Array(parameters.prefix(min(parameterCount, 8)))))
        }
        return filters
    }
}
