/// One record of a TensorBoard event file: TensorFlow's `Event` message
/// (tensorflow/core/util/event.proto), with the two kinds of content this toolkit writes.
public struct Event: Sendable {
    /// Seconds since 1970-01-01 UTC.
    public var wallTime: Double
    public var step: Int64
    public var content: Content

    public enum Content: Sendable {
        /// The first event of a file: its format, `brain.Event:2`.
        case fileVersion(String)
        /// A `Summary` of scalars: (tag, value) pairs, written as `simple_value`, the float32
        /// field TensorBoard's scalar dashboard and `EventAccumulator.Scalars` read.
        case scalars([(tag: String, value: Float)])
    }

    public init(wallTime: Double, step: Int64, content: Content) {
        self.wallTime = wallTime
        self.step = step
        self.content = content
    }

    /// The message's protocol-buffer encoding: Event { double wall_time = 1; int64 step = 2;
    /// string file_version = 3; Summary summary = 5 }, Summary { repeated Value value = 1 },
    /// Value { string tag = 1; float simple_value = 2 }.
    var encoded: [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.int64(2, step)
        switch content {
        case .fileVersion(let version):
            event.string(3, version)
        case .scalars(let values):
            var summary = ProtobufWriter()
            for (tag, value) in values {
                var entry = ProtobufWriter()
                entry.string(1, tag)
                entry.float(2, value)
                summary.message(1, entry.bytes)
            }
            event.message(5, summary.bytes)
        }
        return event.bytes
    }

    /// The event as a TFRecord: its length (uint64), the length's masked CRC-32C, the data,
    /// the data's masked CRC-32C, little-endian.
    var record: [UInt8] {
        let data = encoded
        var record = [UInt8]()
        record.reserveCapacity(data.count + 16)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { record.append(contentsOf: $0) } }
        append(UInt64(data.count))
        append(CRC32C.masked(record))
        record += data
        append(CRC32C.masked(data))
        return record
    }
}
