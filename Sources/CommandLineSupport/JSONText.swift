import Foundation

/// `value` as JSON text, keys sorted, ending in a newline.
public func jsonText(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Non-finite numbers are sent as null by the types encoded here; this keeps encoding
    // from failing should one slip through.
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let data = try! encoder.encode(value)
    return String(decoding: data, as: UTF8.self) + "\n"
}
