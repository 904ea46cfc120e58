import LocalRank
import Testing
@testable import MPICommands

/// The bytes ranks exchange: what one writes the other reads back exactly, and a message cut
/// short or of another build is refused rather than misread.
@Suite struct WireFormatTests {
    @Test func valuesComeBackInTheOrderWritten() throws {
        var writer = ByteWriter()
        writer.append(Int64.min)
        writer.append(42)
        writer.append("sweeps/β-1.00e-03.h5")
        writer.append([1.5, -.infinity, 0, .leastNonzeroMagnitude])
        writer.append([Double]())
        var reader = ByteReader(writer.bytes)
        #expect(try reader.int64() == .min)
        #expect(try reader.int() == 42)
        #expect(try reader.string() == "sweeps/β-1.00e-03.h5")
        #expect(try reader.doubles() == [1.5, -.infinity, 0, .leastNonzeroMagnitude])
        #expect(try reader.doubles() == [])
        #expect(throws: MessageError(.malformed)) { try reader.int() }
    }

    @Test func aShortOrImpossibleMessageIsMalformed() {
        var writer = ByteWriter()
        writer.append("abc")
        var short = ByteReader(Array(writer.bytes.dropLast()))
        #expect(throws: MessageError(.malformed)) { try short.string() }
        var negative = ByteWriter()
        negative.append(-1)
        var reader = ByteReader(negative.bytes)
        #expect(throws: MessageError(.malformed)) { try reader.doubles() }
        var huge = ByteWriter()
        huge.append(Int.max / 2)
        reader = ByteReader(huge.bytes)
        #expect(throws: MessageError(.malformed)) { try reader.string() }
        reader = ByteReader(huge.bytes)
        #expect(throws: MessageError(.malformed), "a count whose bytes would overflow") { try reader.doubles() }
    }

    @Test func computedSpectraSurviveTheTrip() throws {
        let spectra = [LayerSpectra(length: 2, count: 3, values: [3, 1, 2.5, 0.5, 1e-300, 0]),
                       LayerSpectra(length: 1, count: 3, values: [.nan, 7, 8])]
        let computed = ComputedCheckpoint(index: 4, step: 1000, fingerprint: -77, isFinite: true, inputs: 3..<6, spectra: spectra)
        let decoded = try ComputedCheckpoint(decoding: computed.encoded)
        #expect(decoded.index == 4 && decoded.step == 1000 && decoded.fingerprint == -77 && decoded.isFinite && decoded.inputs == 3..<6)
        #expect(decoded.spectra.map(\.length) == [2, 1] && decoded.spectra.map(\.count) == [3, 3])
        #expect(decoded.spectra[0].values == spectra[0].values)
        #expect(decoded.spectra[1].values[0].isNaN && decoded.spectra[1].values.dropFirst() == [7, 8])
        // Lengths that do not match the values, or inputs that run backwards, are refused.
        var bytes = computed.encoded
        bytes[8 * 7] = 3  // the first layer's length: 3 × 3 ≠ 6 values
        #expect(throws: MessageError(.malformed)) { try ComputedCheckpoint(decoding: bytes) }
        let backwards = ComputedCheckpoint(index: 0, step: 0, fingerprint: 0, isFinite: false, inputs: 0..<0, spectra: [])
        var reversed = backwards.encoded
        reversed[8 * 4] = 9  // lower bound 9 > upper bound 0
        #expect(throws: MessageError(.malformed)) { try ComputedCheckpoint(decoding: reversed) }
    }

    @Test func piecesOfWorkSurviveTheTrip() throws {
        let piece = AnalysisPlan.Piece(path: "runs/a.h5", checkpoint: 7, step: 7000, inputs: 128..<256, order: 12)
        let decoded = try AnalysisPlan.Piece(decoding: piece.encoded)
        #expect(decoded.path == "runs/a.h5" && decoded.checkpoint == 7 && decoded.step == 7000 && decoded.inputs == 128..<256)
        #expect(decoded.order == 0, "the order is rank 0's alone")
    }

    @Test func partsOfACheckpointJoinInInputOrder() {
        func part(_ inputs: Range<Int>, _ values: [Double]) -> ComputedCheckpoint {
            ComputedCheckpoint(index: 2, step: 20, fingerprint: 1, isFinite: true, inputs: inputs,
                               spectra: [LayerSpectra(length: 1, count: inputs.count, values: values)])
        }
        let whole = ComputedCheckpoint.joining([part(2..<4, [3, 4]), part(0..<2, [1, 2])])
        #expect(whole.inputs == 0..<4 && whole.spectra[0].values == [1, 2, 3, 4] && whole.spectra[0].count == 4)
    }

    @Test func protocolErrorsSayWhatWasWrong() {
        #expect(MessageError(.malformed).description == "a message between ranks is malformed (ranks of different builds?)")
        #expect(MessageError(.unrequestedResult(from: 3)).description == "rank 3 returned a result it was not asked for")
        #expect(MessageError(.unknownTag(99, from: 0)).description == "rank 0 sent a message of unknown tag 99")
    }
}
