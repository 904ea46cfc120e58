/// An array read from a NumPy `.npy` file.
///
/// The format (NumPy's `numpy.lib.format`): the magic `\x93NUMPY`, a major and a minor
/// version byte (1.0, 2.0 or 3.0), the header length (2 bytes little-endian in 1.0, 4 in
/// 2.0 and 3.0), the header (a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (64, 5), }`, padded with spaces and
/// ended by a newline; Latin-1 before 3.0, UTF-8 in 3.0), then the raw data.
///
/// Read: little-endian float32 and float64 (`<f4`, `<f8`) and, where asked for, integers
/// (`<i8`, `<i4`, `<i2`, `|i1`, `<u8`, `<u4`, `<u2`, `|u1`), in C order. Refused: Fortran
/// order, big-endian and every other dtype (object arrays above all: they are pickles),
/// and files whose size does not match the header's shape exactly.
public struct NumpyArray: Sendable, Equatable {
    public var shape: [Int]
    /// The dtype as the header spells it, e.g. `<f4`.
    public var descr: String
    /// Whether the dtype is an integer type.
    public var isInteger: Bool
    /// The elements in C order, as doubles (exact for float32, float64 and integers up to 2^53).
    public var values: [Double]

    /// The largest header accepted, in bytes (NumPy itself refuses more than 10 000 by default).
    public static let maximumHeaderBytes = 1 << 20

    private static let floatTypes: [String: Int] = ["<f4": 4, "<f8": 8]
    private static let integerTypes: [String: (bytes: Int, signed: Bool)] = [
        "|i1": (1, true), "<i2": (2, true), "<i4": (4, true), "<i8": (8, true),
        "|u1": (1, false), "<u2": (2, false), "<u4": (4, false), "<u8": (8, false),
    ]

    /// Reads `path`; with `allowIntegers`, integer dtypes too (for class labels).
    public init(path: String, allowIntegers: Bool = false) throws {
        let file = try BinaryFile(path: path)
        let (header, dataStart) = try Self.readHeader(file)
        let (descr, extents) = try Self.arrayDescription(header, path: path)
        let element = try Self.element(descr, allowIntegers: allowIntegers, path: path)
        let count = try Self.elementCount(extents, path: path)
        let (dataBytes, overflow) = count.multipliedReportingOverflow(by: element.bytes)
        let available = file.size - dataStart
        guard !overflow, dataBytes == available else {
            let need = overflow ? "more than \(Int.max)" : "\(dataBytes)"
            let what = !overflow && dataBytes > available ? "truncated: " : ""
            throw CheckpointImportError(
                .malformed, file: path, problem: "\(what)shape \(extents) of '\(descr)' needs \(need) bytes of data but \(available) follow the header")
        }
        self.shape = extents
        self.descr = descr
        self.isInteger = element.isSigned != nil
        self.values = Self.decode(try file.bytes(at: dataStart, count: dataBytes), count: count, element: element)
    }

    /// The header's dict and where the data starts, after the magic, the version and the
    /// header length are checked.
    static func readHeader(_ file: BinaryFile) throws -> (header: [String: PythonLiteral], dataStart: Int) {
        func refuse(_ kind: CheckpointImportError.Kind, _ problem: String) -> CheckpointImportError {
            CheckpointImportError(kind, file: file.path, problem: problem)
        }
        let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
        guard file.size >= 10, try file.bytes(at: 0, count: 6) == magic else {
            throw refuse(.malformed, "not a NumPy .npy file (it does not start with \\x93NUMPY)")
        }
        let version = try file.bytes(at: 6, count: 2)
        guard [1, 2, 3].contains(version[0]), version[1] == 0 else {
            throw refuse(.unsupported, ".npy format version \(version[0]).\(version[1]) is not one this build reads (1.0, 2.0, 3.0)")
        }
        let lengthBytes = version[0] == 1 ? 2 : 4
        let lengthField = try file.bytes(at: 8, count: lengthBytes)
        let headerLength = lengthBytes == 2 ? Int(lengthField.littleEndianUInt16(at: 0)) : Int(lengthField.littleEndianUInt32(at: 0))
        guard headerLength <= NumpyArray.maximumHeaderBytes else {
            throw refuse(.malformed, "the .npy header length \(headerLength) exceeds the limit of \(NumpyArray.maximumHeaderBytes) bytes")
        }
        let headerStart = 8 + lengthBytes
        guard headerLength <= file.size - headerStart else {
            throw refuse(.malformed, "truncated: the .npy header (\(headerLength) bytes) runs past the end of the file (\(file.size) bytes)")
        }
        let headerBytes = try file.bytes(at: headerStart, count: headerLength)
        let text: String
        if version[0] == 3 {
            guard let decoded = String(validating: headerBytes, as: UTF8.self) else {
                throw refuse(.malformed, "the .npy header is not valid UTF-8")
            }
            text = decoded
        } else {
            text = String(headerBytes.map { Character(Unicode.Scalar($0)) })  // Latin-1
        }
        do {
            var parser = PythonLiteralParser(text)
            guard case .dictionary(let dictionary) = try parser.parseHeader() else {
                throw PythonLiteralParser.Failure(message: "it is not a dict")
            }
            return (dictionary, headerStart + headerLength)
        } catch let failure as PythonLiteralParser.Failure {
            throw refuse(.malformed, "the .npy header is not readable: \(failure.message)")
        }
    }

    /// The header's dtype and shape, of an array in C order.
    static func arrayDescription(_ header: [String: PythonLiteral], path: String) throws -> (descr: String, shape: [Int]) {
        func refuse(_ kind: CheckpointImportError.Kind, _ problem: String) -> CheckpointImportError {
            CheckpointImportError(kind, file: path, problem: problem)
        }
        guard case .string(let descr) = header["descr"] else {
            throw refuse(.unsupported, "the .npy header has no string 'descr' (a structured dtype?); plain float arrays can be imported")
        }
        guard case .boolean(let fortranOrder) = header["fortran_order"] else {
            throw refuse(.malformed, "the .npy header has no boolean 'fortran_order'")
        }
        guard case .tuple(let extents) = header["shape"] else {
            throw refuse(.malformed, "the .npy header has no tuple 'shape'")
        }
        guard !fortranOrder else {
            throw refuse(.unsupported, "the array is stored in Fortran order; save it in C order (np.save(path, np.ascontiguousarray(a)))")
        }
        return (descr, extents)
    }

    /// An element's size, and for integers whether they are signed.
    struct Element {
        var bytes: Int
        /// nil for floats.
        var isSigned: Bool?
    }

    static func element(_ descr: String, allowIntegers: Bool, path: String) throws -> Element {
        if let bytes = floatTypes[descr] { return Element(bytes: bytes, isSigned: nil) }
        if allowIntegers, let type = integerTypes[descr] { return Element(bytes: type.bytes, isSigned: type.signed) }
        let accepted = allowIntegers ? "<f4, <f8 or a little-endian integer type" : "float32 or float64 (<f4, <f8)"
        throw CheckpointImportError(.unsupported, file: path, problem: "the array's dtype is '\(descr)'; \(accepted) can be imported")
    }

    /// The product of the extents, refused when negative or too large to count.
    static func elementCount(_ extents: [Int], path: String) throws -> Int {
        guard extents.allSatisfy({ $0 >= 0 }) else {
            throw CheckpointImportError(.malformed, file: path, problem: "the .npy shape \(extents) has a negative extent")
        }
        var count = 1
        for extent in extents {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw CheckpointImportError(.malformed, file: path, problem: "the .npy shape \(extents) is too large") }
            count = product
        }
        return count
    }

    /// The little-endian elements of `raw` as doubles.
    static func decode(_ raw: [UInt8], count: Int, element: Element) -> [Double] {
        switch (element.bytes, element.isSigned) {
        case (4, nil): return raw.littleEndianValues(UInt32.self, count: count).map { Double(Float(bitPattern: $0)) }
        case (8, nil): return raw.littleEndianValues(UInt64.self, count: count).map { Double(bitPattern: $0) }
        case (let bytes, let signed?):
            return (0..<count).map { i in
                var bits: UInt64 = 0
                for b in 0..<bytes { bits |= UInt64(raw[bytes * i + b]) << (8 * UInt64(b)) }
                if signed && bytes < 8 && bits & (1 << (8 * UInt64(bytes) - 1)) != 0 {
                    bits |= ~0 << (8 * UInt64(bytes))  // sign-extend
                }
                return signed ? Double(Int64(bitPattern: bits)) : Double(bits)
            }
        default: preconditionFailure("element sizes are 4 or 8 for floats")
        }
    }
}

/// The values a `.npy` header holds.
enum PythonLiteral: Equatable {
    case string(String)
    case boolean(Bool)
    case tuple([Int])
    case dictionary([String: PythonLiteral])
    /// Anything else the header may hold (a list `descr` of a structured dtype, None, …).
    case other
}

/// A parser for the small subset of Python literals that `.npy` headers use: a dict of
/// quoted keys to quoted strings, True/False and tuples of integers. Lists and other
/// values are skipped over (as `.other`) with bracket matching.
struct PythonLiteralParser {
    struct Failure: Error { var message: String }

    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    mutating func parseHeader() throws -> PythonLiteral {
        let value = try parseValue()
        skipWhitespace()
        guard index == characters.count else { throw Failure(message: "unexpected text after the dict") }
        return value
    }

    private mutating func skipWhitespace() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    private mutating func expect(_ character: Character) throws {
        skipWhitespace()
        guard index < characters.count, characters[index] == character else {
            throw Failure(message: "expected '\(character)' at character \(index)")
        }
        index += 1
    }

    private mutating func peek() -> Character? {
        skipWhitespace()
        return index < characters.count ? characters[index] : nil
    }

    private mutating func parseValue() throws -> PythonLiteral {
        guard let next = peek() else { throw Failure(message: "it ends early") }
        switch next {
        case "{": return try parseDictionary()
        case "'", "\"": return try parseString(quote: next)
        case "(": return try parseTuple()
        case "[": return try skipList()
        default: return try parseWord()
        }
    }

    private mutating func parseDictionary() throws -> PythonLiteral {
        index += 1
        var dictionary = [String: PythonLiteral]()
        while peek() != "}" {
            guard case .string(let key) = try parseValue() else { throw Failure(message: "a dict key is not a string") }
            try expect(":")
            dictionary[key] = try parseValue()
            if peek() == "," { index += 1 } else { break }
        }
        try expect("}")
        return .dictionary(dictionary)
    }

    private mutating func parseString(quote: Character) throws -> PythonLiteral {
        index += 1
        var text = ""
        while index < characters.count, characters[index] != quote {
            if characters[index] == "\\" { throw Failure(message: "escapes in strings are not supported") }
            text.append(characters[index])
            index += 1
        }
        try expect(quote)
        return .string(text)
    }

    /// A tuple of non-negative integers: the shape.
    private mutating func parseTuple() throws -> PythonLiteral {
        index += 1
        var values = [Int]()
        while peek() != ")" {
            var digits = ""
            while index < characters.count, characters[index].isASCII, characters[index].isNumber || characters[index] == "L" {
                if characters[index] != "L" { digits.append(characters[index]) }  // Python 2 longs: 3L
                index += 1
            }
            guard let value = Int(digits) else { throw Failure(message: "a shape extent is not a non-negative integer") }
            values.append(value)
            if peek() == "," { index += 1 } else { break }
        }
        try expect(")")
        return .tuple(values)
    }

    /// Skips a list (a structured dtype's descr) by matching brackets.
    private mutating func skipList() throws -> PythonLiteral {
        var depth = 0
        repeat {
            guard index < characters.count else { throw Failure(message: "an unclosed '['") }
            if characters[index] == "[" { depth += 1 }
            if characters[index] == "]" { depth -= 1 }
            index += 1
        } while depth > 0
        return .other
    }

    /// True, False, or another name (None, …) as `.other`.
    private mutating func parseWord() throws -> PythonLiteral {
        let start = index
        var word = ""
        while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
            word.append(characters[index])
            index += 1
        }
        switch word {
        case "True": return .boolean(true)
        case "False": return .boolean(false)
        case "": throw Failure(message: "unexpected '\(characters[start])' at character \(index)")
        default: return .other
        }
    }
}
