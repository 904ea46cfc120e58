import _HDF5Shims

/// Shape arithmetic with the checks that keep malformed arguments and
/// untrusted files from trapping or allocating absurd buffers.
enum HDF5Shape {
    /// HDF5's limit on the number of axes (`H5S_MAX_RANK`).
    static let maximumRank = 32

    /// The number of elements of `shape`, refusing negative extents and
    /// products that overflow `Int`.
    static func elementCount(_ shape: [Int], _ call: HDF5Call) throws(HDF5Error) -> Int {
        var count = 1
        for extent in shape {
            guard extent >= 0 else {
                throw call.error("shape \(shape) has a negative extent")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else {
                throw call.error("shape \(shape) has more elements than can be addressed")
            }
            count = product
        }
        return count
    }

    /// The size in bytes of a read buffer of `elementCount` elements,
    /// refusing sizes that overflow or exceed `HDF5Limits.maximumReadBytes`.
    /// Call before allocating anything.
    static func readBufferByteCount(
        elementCount: Int, elementByteCount: Int, _ call: HDF5Call
    ) throws(HDF5Error) -> Int {
        let limit = libraryState.maximumReadBytes
        let (bytes, overflow) = elementCount.multipliedReportingOverflow(by: elementByteCount)
        guard !overflow, bytes <= limit else {
            let size = overflow ? "more than \(Int.max)" : "\(bytes)"
            throw call.error(
                "reading \(elementCount) elements needs \(size) bytes, more than the limit of \(limit) bytes"
                    + " (HDF5Limits.maximumReadBytes)")
        }
        return bytes
    }

    /// The extent of a dataspace. Call with the lock held.
    static func extent(of space: hid_t, _ call: HDF5Call) throws(HDF5Error) -> HDF5Extent {
        switch try H5S.extentClass(space, call) {
        case H5S_NULL: return HDF5Extent(shape: [], maximumShape: [], isNull: true)
        case H5S_SCALAR: return HDF5Extent(shape: [], maximumShape: [], isNull: false)
        case H5S_SIMPLE: break
        case let other: throw call.error("the dataspace is of unknown class \(other.rawValue)", kind: .damaged)
        }
        let rank = try H5S.rank(space, call)
        guard rank <= maximumRank else { throw call.error("the dataspace has rank \(rank), more than HDF5 allows") }
        let (dimensions, maximumDimensions) = try H5S.dimensions(space, rank: rank, call)
        let unlimited = _h5s_unlimited()
        var shape: [Int] = []
        var maximumShape: [Int?] = []
        for (dimension, maximum) in zip(dimensions, maximumDimensions) {
            guard let extent = Int(exactly: dimension) else {
                throw call.error("an extent of \(dimension) elements is too large")
            }
            shape.append(extent)
            if maximum == unlimited {
                maximumShape.append(nil)
            } else {
                guard let maximumExtent = Int(exactly: maximum) else {
                    throw call.error("a maximum extent of \(maximum) elements is too large")
                }
                maximumShape.append(maximumExtent)
            }
        }
        return HDF5Extent(shape: shape, maximumShape: maximumShape, isNull: false)
    }

    /// Checks that a hyperslab given by `offset` and `count` fits inside
    /// `shape`, and returns its number of elements.
    static func validateSelection(
        offset: [Int], count: [Int], in shape: [Int], _ call: HDF5Call
    ) throws(HDF5Error) -> Int {
        guard offset.count == shape.count, count.count == shape.count else {
            throw call.error(
                "offset \(offset) and count \(count) must have one entry per axis of shape \(shape)")
        }
        for axis in shape.indices {
            guard offset[axis] >= 0, count[axis] >= 0 else {
                throw call.error("offset \(offset) and count \(count) must not be negative")
            }
            let (end, overflow) = offset[axis].addingReportingOverflow(count[axis])
            guard !overflow, end <= shape[axis] else {
                throw call.error(
                    "offset \(offset) + count \(count) is outside shape \(shape) on axis \(axis)")
            }
        }
        return try elementCount(count, call)
    }

    /// `[Int]` as HDF5 dimensions; the values must have been checked to be
    /// non-negative.
    static func dimensions(_ values: [Int]) -> [hsize_t] {
        values.map { hsize_t($0) }
    }
}

/// The extent of a dataspace.
struct HDF5Extent {
    /// The current shape; `[]` for scalar and null dataspaces.
    var shape: [Int]
    /// The maximum shape; `nil` entries are unlimited.
    var maximumShape: [Int?]
    /// Whether the dataspace holds no elements at all (`H5S_NULL`, h5py's `Empty`).
    var isNull: Bool

    /// The number of elements, refusing counts that overflow `Int` (a file
    /// may declare extents whose product does not fit).
    func elementCount(_ call: HDF5Call) throws(HDF5Error) -> Int {
        isNull ? 0 : try HDF5Shape.elementCount(shape, call)
    }
}

/// The creation-time layout of a dataset: extent, growth limits, chunking
/// and filters, validated so that HDF5 is never handed an inconsistent set.
struct HDF5DatasetLayout {
    var shape: [Int]
    var maximumShape: [Int?]
    var chunkShape: [Int]?
    var deflateLevel: Int?
    var shuffle: Bool
    var fletcher32: Bool

    /// The largest chunk chosen automatically, in bytes.
    static let automaticChunkByteLimit = 1 << 20
    /// HDF5 refuses chunks of 4 GiB or more.
    static let chunkByteLimit = (1 << 32) - 1

    init(
        shape: [Int], maximumShape requestedMaximum: [Int?]?, chunkShape requestedChunks: [Int]?,
        deflateLevel: Int?, shuffle: Bool, fletcher32: Bool, elementByteCount: Int, _ call: HDF5Call
    ) throws(HDF5Error) {
        guard shape.count <= HDF5Shape.maximumRank else {
            throw call.error("rank \(shape.count) exceeds HDF5's maximum of \(HDF5Shape.maximumRank)")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw call.error("shape \(shape) has a negative extent") }
        let maximumShape = try Self.validatedMaximum(requestedMaximum ?? shape.map { Optional($0) }, shape: shape, call)
        if let deflateLevel, !(0...9).contains(deflateLevel) {
            throw call.error("deflate level \(deflateLevel) is not in 0...9")
        }
        let growable = zip(shape, maximumShape).contains { $0.1 != $0.0 }
        let needsChunks = requestedChunks != nil || growable || deflateLevel != nil || shuffle || fletcher32
        if needsChunks && shape.isEmpty {
            throw call.error("a scalar dataset cannot be chunked, compressed or extended")
        }
        var chunkShape: [Int]?
        if let requestedChunks {
            chunkShape = try Self.validatedChunks(requestedChunks, shape: shape, maximumShape: maximumShape, call)
        } else if needsChunks {
            chunkShape = Self.automaticChunkShape(
                shape: shape, maximumShape: maximumShape, elementByteCount: elementByteCount)
        }
        if let chunkShape { try Self.checkChunkBytes(chunkShape, elementByteCount: elementByteCount, call) }
        if deflateLevel != nil, !(try H5T.filterAvailable(H5Z_FILTER_DEFLATE, call)) {
            throw call.error("this HDF5 library was built without the deflate (gzip) filter")
        }
        self.shape = shape
        self.maximumShape = maximumShape
        self.chunkShape = chunkShape
        self.deflateLevel = deflateLevel
        self.shuffle = shuffle
        self.fletcher32 = fletcher32
    }

    /// `maximumShape`, after checking it against `shape`.
    private static func validatedMaximum(_ maximumShape: [Int?], shape: [Int], _ call: HDF5Call) throws(HDF5Error) -> [Int?] {
        guard maximumShape.count == shape.count else {
            throw call.error("maximum shape \(format(maximumShape)) and shape \(shape) differ in rank")
        }
        for (extent, maximum) in zip(shape, maximumShape) {
            if let maximum, maximum < extent {
                throw call.error("maximum shape \(format(maximumShape)) is smaller than shape \(shape)")
            }
        }
        return maximumShape
    }

    /// `chunks`, after checking them against the shape and maximum shape.
    private static func validatedChunks(
        _ chunks: [Int], shape: [Int], maximumShape: [Int?], _ call: HDF5Call
    ) throws(HDF5Error) -> [Int] {
        guard chunks.count == shape.count else {
            throw call.error("chunk shape \(chunks) and shape \(shape) differ in rank")
        }
        for (chunk, maximum) in zip(chunks, maximumShape) {
            guard chunk > 0 else { throw call.error("chunk shape \(chunks) has an extent below 1") }
            if let maximum, chunk > maximum, maximum > 0 {
                throw call.error("chunk shape \(chunks) exceeds maximum shape \(format(maximumShape))")
            }
        }
        return chunks
    }

    /// Refuses chunks of 4 GiB or more, which HDF5 cannot store.
    private static func checkChunkBytes(_ chunkShape: [Int], elementByteCount: Int, _ call: HDF5Call) throws(HDF5Error) {
        var bytes = elementByteCount
        for extent in chunkShape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= chunkByteLimit else {
                throw call.error("chunk shape \(chunkShape) makes chunks of 4 GiB or more")
            }
            bytes = product
        }
    }

    /// Chunks in the spirit of h5py's heuristic: start from the full extent
    /// (1024 along axes that are empty or unlimited, capped by fixed
    /// maxima), then halve the longest axis until a chunk fits in 1 MiB.
    static func automaticChunkShape(shape: [Int], maximumShape: [Int?], elementByteCount: Int) -> [Int] {
        var chunk = zip(shape, maximumShape).map { extent, maximum -> Int in
            var length = extent
            if maximum == nil || extent == 0 { length = max(extent, 1024) }
            if let maximum, maximum > 0 { length = min(length, maximum) }
            return max(length, 1)
        }
        func byteCount(_ chunk: [Int]) -> Int {
            chunk.reduce(elementByteCount) { total, extent in
                let (product, overflow) = total.multipliedReportingOverflow(by: extent)
                return overflow ? Int.max : product
            }
        }
        while byteCount(chunk) > automaticChunkByteLimit,
              let longest = chunk.indices.max(by: { chunk[$0] < chunk[$1] }), chunk[longest] > 1 {
            chunk[longest] = chunk[longest] / 2 + chunk[longest] % 2
        }
        return chunk
    }

    static func format(_ shape: [Int?]) -> String {
        "[" + shape.map { $0.map(String.init) ?? "unlimited" }.joined(separator: ", ") + "]"
    }

    func makeDataspace(_ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        if shape.isEmpty { return try H5S.scalar(call) }
        let unlimited = _h5s_unlimited()
        return try H5S.simple(HDF5Shape.dimensions(shape), maximum: maximumShape.map { $0.map { hsize_t($0) } ?? unlimited }, call)
    }

    func makeCreationList(_ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        let list = try H5P.datasetCreation(call)
        // Without modification times, identical content gives identical files.
        try H5P.setTrackingTimes(list.rawValue, false, call)
        if let chunkShape { try H5P.setChunk(list.rawValue, HDF5Shape.dimensions(chunkShape), call) }
        if shuffle { try H5P.setShuffle(list.rawValue, call) }
        if let deflateLevel { try H5P.setDeflate(list.rawValue, level: deflateLevel, call) }
        // Last, as h5py orders it: the checksum covers the bytes as stored.
        if fletcher32 { try H5P.setFletcher32(list.rawValue, call) }
        return list
    }
}
