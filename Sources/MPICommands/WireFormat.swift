import LocalRank

/// Bytes of a message, written in the machine's own byte order: every rank of a job runs on
/// the same architecture, and MPI_BYTE moves bytes unchanged.
struct ByteWriter {
    private(set) var bytes = [UInt8]()

    mutating func append(_ value: Int64) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Int) { append(Int64(value)) }

    mutating func append(_ values: [Double]) {
        append(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        let utf8 = Array(text.utf8)
        append(utf8.count)
        bytes.append(contentsOf: utf8)
    }
}

/// A message between ranks that the protocol does not allow, of a kind a test can match.
struct MessageError: Error, CustomStringConvertible, Equatable {
    enum Kind: Equatable {
        /// Its bytes do not decode as the message they should be.
        case malformed
        /// A rank returned a result it was not asked for.
        case unrequestedResult(from: Int)
        /// A rank returned the spectra of another checkpoint or inputs than it was given.
        case otherCheckpoint
        /// A tag lr-mpi does not send.
        case unknownTag(Int32, from: Int)
    }

    var kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    var description: String {
        switch kind {
        case .malformed: "a message between ranks is malformed (ranks of different builds?)"
        case .unrequestedResult(let rank): "rank \(rank) returned a result it was not asked for"
        case .otherCheckpoint: "a rank returned spectra of another checkpoint than it was given"
        case .unknownTag(let tag, let rank): "rank \(rank) sent a message of unknown tag \(tag)"
        }
    }
}

/// Reads what a `ByteWriter` wrote, in the same order.
struct ByteReader {
    let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count else { throw MessageError(.malformed) }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func int64() throws -> Int64 {
        let slice = try take(8)
        return slice.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
    }

    mutating func int() throws -> Int { Int(try int64()) }

    mutating func doubles() throws -> [Double] {
        let count = try int()
        guard count >= 0, count <= (bytes.count - offset) / MemoryLayout<Double>.size else { throw MessageError(.malformed) }
        let slice = try take(count * MemoryLayout<Double>.size)
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            slice.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            initialized = count
        }
    }

    mutating func string() throws -> String {
        String(decoding: try take(try int()), as: UTF8.self)
    }
}

extension ComputedCheckpoint {
    /// The checkpoint's spectra as raw float64 bytes with a small header.
    var encoded: [UInt8] {
        var writer = ByteWriter()
        writer.append(index)
        writer.append(step)
        writer.append(fingerprint)
        writer.append(isFinite ? 1 : 0)
        writer.append(inputs.lowerBound)
        writer.append(inputs.upperBound)
        writer.append(spectra.count)
        for layer in spectra {
            writer.append(layer.length)
            writer.append(layer.count)
            writer.append(layer.values)
        }
        return writer.bytes
    }

    init(decoding bytes: [UInt8]) throws {
        var reader = ByteReader(bytes)
        let index = try reader.int(), step = try reader.int(), fingerprint = try reader.int64()
        let isFinite = try reader.int() != 0
        let lower = try reader.int(), upper = try reader.int()
        guard lower <= upper else { throw MessageError(.malformed) }
        let layerCount = try reader.int()
        guard (0..<10_000).contains(layerCount) else { throw MessageError(.malformed) }
        var spectra = [LayerSpectra]()
        for _ in 0..<layerCount {
            let length = try reader.int(), count = try reader.int()
            let values = try reader.doubles()
            guard length >= 0, count >= 0, values.count == length * count else { throw MessageError(.malformed) }
            spectra.append(LayerSpectra(length: length, count: count, values: values))
        }
        self.init(index: index, step: step, fingerprint: fingerprint, isFinite: isFinite, inputs: lower..<upper, spectra: spectra)
    }
}
