import Foundation
import Vocabulary

/// `/model@layers` is a JSON array with one object per layer, in order:
///
///     [{"kind": "conv2d", "in_channels": 1, "out_channels": 8, "kernel_size": [3, 3], "stride": [1, 1], "padding": [1, 1]},
///      {"kind": "max-pool", "window": [2, 2], "stride": [2, 2]},
///      {"kind": "flatten"},
///      {"kind": "dense", "in_features": 392, "out_features": 10}]
///
/// Every key of a kind is required (a file states its network, defaults live in writers);
/// a kernel, window, stride or padding is `[height, width]` or one integer for both.
extension LayerStack {
    public typealias Key = RunLayout.LayerKey

    /// The stack that `json` (`/model@layers`) describes on `inputShape` (`/model@input_shape`).
    public init(json: String, inputShape extents: [Int]) throws(NetworkLayersError) {
        guard extents.count == 3 else {
            throw NetworkLayersError(layer: nil, "input_shape has \(extents.count) entries, expected 3: (C, H, W)")
        }
        let entries: [LayerEntry]
        do {
            entries = try JSONDecoder().decode([LayerEntry].self, from: Data(json.utf8))
        } catch {
            throw NetworkLayersError(layer: nil, "is not a JSON array of layer objects")
        }
        var layers = [NetworkLayer]()
        for (position, entry) in entries.enumerated() {
            guard let fields = entry.fields else { throw NetworkLayersError(layer: position, "is not a JSON object") }
            layers.append(try Self.layer(fields, at: position))
        }
        guard layers.contains(where: { $0.kind.hasWeights }) else {
            throw NetworkLayersError(layer: nil, "holds no dense or conv2d layer")
        }
        try self.init(inputShape: FeatureShape(channels: extents[0], height: extents[1], width: extents[2]), layers: layers)
    }

    private static func layer(_ fields: [String: JSONValue], at position: Int) throws(NetworkLayersError) -> NetworkLayer {
        guard case .text(let name)? = fields[Key.kind] else {
            throw NetworkLayersError(layer: position, "missing \"\(Key.kind)\", or not a string")
        }
        guard let kind = LayerKind(rawValue: name) else {
            throw NetworkLayersError(layer: position, "unknown kind \"\(name)\" (expected \(LayerKind.namesList))")
        }
        let read = FieldReader(fields: fields, position: position, kind: kind)
        try read.refuseUnknownKeys()
        switch kind {
        case .flatten:
            return .flatten
        case .dense:
            return .dense(inFeatures: try read.count(Key.inFeatures), outFeatures: try read.count(Key.outFeatures))
        case .conv2d:
            return .conv2d(.init(inChannels: try read.count(Key.inChannels), outChannels: try read.count(Key.outChannels),
                                 kernel: try read.extent(Key.kernelSize), stride: try read.extent(Key.stride),
                                 padding: try read.extent(Key.padding, minimum: 0)))
        case .maxPool, .averagePool:
            let pooling = NetworkLayer.Pooling(window: try read.extent(Key.window), stride: try read.extent(Key.stride))
            return kind == .maxPool ? .maxPool(pooling) : .averagePool(pooling)
        }
    }

    /// `/model@layers` for this stack: what `init(json:inputShape:)` reads back.
    public var json: String {
        let entries = layers.map { layer -> String in
            var fields = ["\"\(Key.kind)\": \"\(layer.kind.rawValue)\""]
            func pair(_ key: String, _ extent: Extent2D) { fields.append("\"\(key)\": [\(extent.height), \(extent.width)]") }
            switch layer {
            case .flatten: break
            case .dense(let inFeatures, let outFeatures):
                fields += ["\"\(Key.inFeatures)\": \(inFeatures)", "\"\(Key.outFeatures)\": \(outFeatures)"]
            case .conv2d(let c):
                fields += ["\"\(Key.inChannels)\": \(c.inChannels)", "\"\(Key.outChannels)\": \(c.outChannels)"]
                pair(Key.kernelSize, c.kernel)
                pair(Key.stride, c.stride)
                pair(Key.padding, c.padding)
            case .maxPool(let p), .averagePool(let p):
                pair(Key.window, p.window)
                pair(Key.stride, p.stride)
            }
            return "{" + fields.joined(separator: ", ") + "}"
        }
        return "[" + entries.joined(separator: ", ") + "]"
    }
}

/// One element of the `/model@layers` array: an object, or something else to refuse.
private struct LayerEntry: Decodable {
    var fields: [String: JSONValue]?

    init(from decoder: any Decoder) throws {
        fields = try? decoder.singleValueContainer().decode([String: JSONValue].self)
    }
}

/// A field's value, as far as the layer vocabulary cares.
private enum JSONValue: Decodable {
    case integer(Int), integers([Int]), text(String), other(String)

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if let bool = try? value.decode(Bool.self) {
            self = .other(String(bool))
        } else if let integer = try? value.decode(Int.self) {
            self = .integer(integer)
        } else if let integers = try? value.decode([Int].self) {
            self = .integers(integers)
        } else if let text = try? value.decode(String.self) {
            self = .text(text)
        } else {
            self = .other((try? value.decode(Double.self)).map { String($0) } ?? "not a number")
        }
    }
}

/// Reads one layer's fields, naming the layer and the key in every problem.
private struct FieldReader {
    let fields: [String: JSONValue]
    let position: Int
    let kind: LayerKind

    func problem(_ message: String) -> NetworkLayersError { NetworkLayersError(layer: position, kind: kind, message) }

    func refuseUnknownKeys() throws(NetworkLayersError) {
        let allowed = Set([RunLayout.LayerKey.kind] + RunLayout.LayerKey.keys(of: kind))
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw problem("unknown key \"\(unknown)\"")
        }
    }

    func count(_ key: String) throws(NetworkLayersError) -> Int {
        switch fields[key] {
        case nil: throw problem("missing \"\(key)\"")
        case .integer(let n)? where n >= 1 && n < 1 << 24: return n
        default: throw problem("\"\(key)\" is not a positive integer")
        }
    }

    func extent(_ key: String, minimum: Int = 1) throws(NetworkLayersError) -> Extent2D {
        let values: [Int]
        switch fields[key] {
        case nil: throw problem("missing \"\(key)\"")
        case .integer(let n)?: values = [n, n]
        case .integers(let pair)? where pair.count == 2: values = pair
        default: throw problem("\"\(key)\" is not an integer or [height, width]")
        }
        guard values.allSatisfy({ $0 >= minimum && $0 < 1 << 20 }) else {
            throw problem("\"\(key)\" is \(values), expected \(minimum == 0 ? "non-negative" : "positive") integers")
        }
        return Extent2D(values[0], values[1])
    }
}
