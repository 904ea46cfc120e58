import Foundation
import LocalRankTestSupport
@testable import TensorBoardEvents
import Testing

@Suite struct EventFileTests {
    @Test func crc32cIsCastagnolis() {
        // The check value of CRC-32C (RFC 3720, B.4) and TensorFlow's mask of it.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        let crc: UInt32 = 0xE306_9283
        #expect(CRC32C.masked(Array("123456789".utf8)) == ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8)
    }

    @Test func aScalarEventIsTheProtobufTensorFlowWrites() {
        // Event { wall_time: 1.5, step: 300, summary { value { tag: "a/b" simple_value: 2.0 } } }
        let event = Event(wallTime: 1.5, step: 300, content: .scalars([(tag: "a/b", value: 2)]))
        let expected: [UInt8] = [0x09, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F,        // 1: double 1.5
                                 0x10, 0xAC, 0x02,                          // 2: varint 300
                                 0x2A, 0x0C, 0x0A, 0x0A,                    // 5: Summary, 1: Value
                                 0x0A, 0x03, 0x61, 0x2F, 0x62,              // 1: "a/b"
                                 0x15, 0, 0, 0, 0x40]                       // 2: float 2.0
        #expect(event.encoded == expected)
        let version = Event(wallTime: 0, step: 0, content: .fileVersion("brain.Event:2"))
        #expect(version.encoded == [0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0x1A, 13] + Array("brain.Event:2".utf8))
    }

    @Test func negativeStepsTakeTenBytes() {
        let event = Event(wallTime: 0, step: -1, content: .scalars([]))
        #expect(Array(event.encoded[9..<20]) == [0x10] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func aRecordIsLengthChecksumDataChecksum() {
        let event = Event(wallTime: 2, step: 7, content: .scalars([(tag: "x", value: 0.25)]))
        let data = event.encoded, record = event.record
        #expect(record.count == data.count + 16)
        #expect(record[0..<8].elementsEqual(withUnsafeBytes(of: UInt64(data.count).littleEndian, Array.init)))
        #expect(record[8..<12].elementsEqual(withUnsafeBytes(of: CRC32C.masked(record[0..<8]).littleEndian, Array.init)))
        #expect(Array(record[12..<(12 + data.count)]) == data)
        #expect(record.suffix(4).elementsEqual(withUnsafeBytes(of: CRC32C.masked(data).littleEndian, Array.init)))
    }

    @Test func aFileStartsWithItsVersionAndGrowsByWholeRecords() throws {
        let directory = try TemporaryDirectory(prefix: "event-file")
        let file = try EventFile(directory: directory.path(""), suffix: "test")
        #expect(file.path.contains("/events.out.tfevents.") && file.path.hasSuffix(".test"))
        let first = try Data(contentsOf: URL(fileURLWithPath: file.path))
        let scalars = Event(wallTime: 3, step: 1, content: .scalars([(tag: "t", value: 1)]))
        try file.append([scalars, scalars])
        try file.close()
        let whole = try Data(contentsOf: URL(fileURLWithPath: file.path))
        #expect(whole.prefix(first.count) == first)
        #expect(Array(whole.dropFirst(first.count)) == scalars.record + scalars.record)
    }
}
