/// A 64-bit FNV-1a hash over words: enough to notice that a checkpoint's weights or the
/// probe inputs changed, not a cryptographic digest.
public struct Fingerprint: Sendable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public mutating func combine(_ word: UInt64) {
        value = (value ^ word) &* 0x0000_0100_0000_01B3
    }

    public mutating func combine(_ values: [Float]) {
        combine(UInt64(values.count))
        for v in values { combine(UInt64(v.bitPattern)) }
    }

    public mutating func combine(_ values: [Double]) {
        combine(UInt64(values.count))
        for v in values { combine(v.bitPattern) }
    }

    public mutating func combine(_ text: String) {
        combine(UInt64(text.utf8.count))
        for byte in text.utf8 { combine(UInt64(byte)) }
    }

    /// As a signed integer, for storage in an int64 dataset.
    public var storedValue: Int64 { Int64(bitPattern: value) }
}
