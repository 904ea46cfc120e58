import Foundation
import RandomNumbers

/// Damaged copies of a file, for corruption fuzzing: every mutation is a pure function of
/// the original bytes and a seed, so a failure names a mutation that reproduces.
public struct Mutation: Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Flip these bits (byte offset, bit index).
        case bitFlips([(offset: Int, bit: Int)])
        /// Overwrite `length` bytes at `offset` with zeros.
        case zeroBlock(offset: Int, length: Int)
        /// Overwrite `length` bytes at `offset` with seeded random bytes.
        case randomBlock(offset: Int, length: Int, seed: UInt64)
        /// Keep only the first `length` bytes.
        case truncation(length: Int)
        /// Copy `length` bytes from `source` over the bytes at `destination`.
        case splice(source: Int, destination: Int, length: Int)
    }

    public var kind: Kind

    public var description: String {
        switch kind {
        case .bitFlips(let flips): "flip bits at " + flips.map { "\($0.offset).\($0.bit)" }.joined(separator: ", ")
        case .zeroBlock(let offset, let length): "zero \(length) bytes at \(offset)"
        case .randomBlock(let offset, let length, let seed): "randomize \(length) bytes at \(offset) (seed \(seed))"
        case .truncation(let length): "truncate to \(length) bytes"
        case .splice(let source, let destination, let length): "copy \(length) bytes from \(source) to \(destination)"
        }
    }

    /// The mutated bytes.
    public func apply(to original: [UInt8]) -> [UInt8] {
        var bytes = original
        switch kind {
        case .bitFlips(let flips):
            for flip in flips where flip.offset < bytes.count { bytes[flip.offset] ^= UInt8(1) << UInt8(flip.bit) }
        case .zeroBlock(let offset, let length):
            for i in offset..<min(offset + length, bytes.count) { bytes[i] = 0 }
        case .randomBlock(let offset, let length, let seed):
            var generator = SeededGenerator(seed: seed)
            for i in offset..<min(offset + length, bytes.count) { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        case .truncation(let length):
            bytes.removeSubrange(min(length, bytes.count)...)
        case .splice(let source, let destination, let length):
            let span = min(length, bytes.count - source, bytes.count - destination)
            if span > 0 { bytes.replaceSubrange(destination..<(destination + span), with: original[source..<(source + span)]) }
        }
        return bytes
    }

    /// Truncations at up to `boundaryCount` of the structure boundaries given (spread evenly
    /// over them, the first and last included), then `randomCount` seeded mutations of every
    /// kind (truncations at random offsets among them) over a file of `size` bytes.
    public static func plan(size: Int, boundaries: [Int], boundaryCount: Int = CorruptionFuzzer.boundaryTruncations,
                            randomCount: Int = CorruptionFuzzer.randomMutations, seed: UInt64) -> [Mutation] {
        var generator = SeededGenerator(seed: seed)
        let inside = Set(boundaries.filter { $0 > 0 && $0 < size }).sorted()
        let truncations = evenlySpread(inside, count: boundaryCount).map { Mutation(kind: .truncation(length: $0)) }
        func offset() -> Int { Int.random(in: 0..<size, using: &generator) }
        func length() -> Int { [1, 8, 64, 512, 4096].randomElement(using: &generator)! }
        let random = (0..<randomCount).map { index -> Mutation in
            switch index % 5 {
            case 0:
                let count = Int.random(in: 1...8, using: &generator)
                return Mutation(kind: .bitFlips((0..<count).map { _ in (offset(), Int.random(in: 0..<8, using: &generator)) }))
            case 1: return Mutation(kind: .zeroBlock(offset: offset(), length: length()))
            case 2: return Mutation(kind: .randomBlock(offset: offset(), length: length(), seed: generator.next()))
            case 3: return Mutation(kind: .truncation(length: offset()))
            default: return Mutation(kind: .splice(source: offset(), destination: offset(), length: length()))
            }
        }
        return truncations + random
    }

    /// `count` elements of `elements` at evenly spaced positions, the first and last
    /// included; all of them when there are no more than `count`.
    static func evenlySpread(_ elements: [Int], count: Int) -> [Int] {
        guard elements.count > count else { return elements }
        guard count > 1 else { return Array(elements.prefix(count)) }
        return (0..<count).map { elements[$0 * (elements.count - 1) / (count - 1)] }
    }
}
