import Foundation
import HDF5

/// The Dense layers of a Keras HDF5 file: Keras 3's `.weights.h5` (what
/// `ModelCheckpoint(save_weights_only=True)` and `model.save_weights` write) or the legacy
/// `.h5` layout (`model.save("m.h5")`, `ModelCheckpoint("epoch-{epoch}.h5")`, Keras 2's
/// `save_weights("w.h5")`). Opened read-only, without SWMR, through our HDF5 wrapper.
///
/// **Keras 3 `.weights.h5`** (checked with `h5dump -H` on files Keras 3.15 writes):
///
///     /layers/<key>/vars            group; attribute name = the layer's name ("dense", "hidden", …)
///     /layers/<key>/vars/0          kernel, float32 [in, out]
///     /layers/<key>/vars/1          bias, float32 [out] (absent with use_bias=False)
///     /layers/<key>/layers/…        the layers of a nested model, the same way
///     /vars, /optimizer/vars/…      the model's own and the optimizer's variables (ignored)
///
/// `<key>` is not the layer's name: Keras names each layer of a container by its class
/// in snake case, numbered in the container's layer order (`dense`, `dense_1`, `dense_2`,
/// …, `dense_10`; `saving_lib._save_container_state`). So the Dense layers are the
/// groups `dense` and `dense_<k>`, in the order of k. Activations are not stored.
///
/// **Legacy `.h5`**:
///
///     /@model_config                JSON: {"class_name": "Sequential", "config": {"layers": [
///                                     {"class_name": "Dense", "config": {"name": "dense", "activation": "relu", …}}, …]}}
///     /model_weights@layer_names    the layers' names in model order (chunked as layer_names0, 1, … when long)
///     /model_weights/<name>@weight_names   the layer's weight paths, e.g. "sequential/dense/kernel"
///                                          (Keras 2: "dense/kernel:0"); an empty array for layers without weights
///     /model_weights/<name>/<weight path>  the arrays: kernel [in, out], bias [out]
///
/// and a legacy weights-only file has `layer_names` and the layer groups at the root, with
/// no `model_config`. The Dense layers are those whose weights are a kernel and
/// optionally a bias, in `layer_names` order; their activations come from `model_config`
/// (a Dense layer's own, or that of an `Activation`/`ReLU` layer right after a linear one).
public final class KerasWeightsFile {
    public enum Layout: Sendable, Equatable {
        case keras3Weights, legacyModel, legacyWeights

        public var description: String {
            switch self {
            case .keras3Weights: "Keras 3 .weights.h5"
            case .legacyModel: "legacy Keras .h5 model"
            case .legacyWeights: "legacy Keras .h5 weights"
            }
        }

        public var orderRule: String {
            switch self {
            case .keras3Weights: "Keras's numbering of Dense layers (dense, dense_1, dense_2, …)"
            case .legacyModel, .legacyWeights: "the order of the file's layer_names"
            }
        }
    }

    public let path: String
    public let layout: Layout
    private let file: HDF5File

    public init(path: String) throws {
        self.path = path
        try BinaryFile.requireRegularFile(path)
        do {
            // Read-only and without the SWMR-read flag, so that a corrupt file fails at once.
            file = try HDF5File.open(path, mode: .readOnly)
        } catch let error as HDF5Error {
            if let foreign = CheckpointNaming.foreignContent(path) { throw foreign }
            throw CheckpointImportError(.malformed, file: path, problem: "not a readable HDF5 file (\(error.message))")
        }
        let root = file.root
        if root.contains("/model_weights") && (try? root.openGroup("/model_weights")) != nil {
            layout = .legacyModel
        } else if root.hasAttribute("layer_names") || root.hasAttribute("layer_names0") {
            layout = .legacyWeights
        } else if root.contains("/layers") && (try? root.openGroup("/layers")) != nil {
            layout = .keras3Weights
        } else {
            throw CheckpointImportError(
                .malformed, file: path,
                problem: "not a Keras weights file: it has neither a /layers group (Keras 3 .weights.h5) nor /model_weights or a layer_names attribute (legacy .h5)")
        }
    }

    /// The Dense layers, all of them in the layout's order or those `selection` names in
    /// that order, and their activations when the file records them (legacy model files).
    public func read(selection: [String]?) throws -> CheckpointLayers {
        try CheckpointImportError.reading(path) {
            let result: CheckpointLayers
            switch layout {
            case .keras3Weights: result = try readKeras3(selection: selection)
            case .legacyModel, .legacyWeights: result = try readLegacy(selection: selection)
            }
            try result.requireChaining(file: path, orderRule: selection == nil ? layout.orderRule : "the order asked for")
            return result
        }
    }

    private func refuse(_ kind: CheckpointImportError.Kind, _ problem: String, remedy: CheckpointImportError.Remedy? = nil) -> CheckpointImportError {
        CheckpointImportError(kind, file: path, problem: problem, remedy: remedy)
    }

    // MARK: Keras 3

    private struct Keras3Layer {
        /// The group path under /layers, e.g. "dense_1" or "sequential/dense".
        var key: String
        /// The group's path in the file, e.g. "/layers/sequential/layers/dense".
        var groupPath: String
        /// The layer's own name (vars@name).
        var name: String?
        var variables: [String]
        var container: String { key.split(separator: "/").dropLast().joined(separator: "/") }
        var lastKey: String { String(key.split(separator: "/").last ?? "") }
        /// 0 for `dense`, k for `dense_k`; nil for groups of other classes.
        var denseNumber: Int? {
            if lastKey == "dense" { return 0 }
            guard lastKey.hasPrefix("dense_"), let k = Int(lastKey.dropFirst(6)), k > 0,
                  !lastKey.dropFirst(6).hasPrefix("0") else { return nil }
            return k
        }
    }

    private func keras3Layers(under group: String, prefix: String) throws -> [Keras3Layer] {
        var found = [Keras3Layer]()
        for member in try file.root.openGroup(group).memberNames() {
            let path = group + "/" + member
            guard (try? file.root.openGroup(path)) != nil else {
                throw refuse(.malformed, "\(path) is not a group; this is not the layout Keras 3 writes")
            }
            if file.root.contains(path + "/layers") {
                found += try keras3Layers(under: path + "/layers", prefix: prefix + member + "/")
            }
            let varsPath = path + "/vars"
            guard file.root.contains(varsPath) else { continue }
            let vars = try file.root.openGroup(varsPath)
            let variables = try vars.memberNames()
            if variables.isEmpty { continue }  // a layer without weights (InputLayer, Dropout, …)
            let name = vars.hasAttribute("name") ? try? vars.stringAttribute("name") : nil
            found.append(Keras3Layer(key: prefix + member, groupPath: path, name: name, variables: variables))
        }
        return found
    }

    private func readKeras3(selection: [String]?) throws -> CheckpointLayers {
        let all = try keras3Layers(under: "/layers", prefix: "")
        var chosen = [Keras3Layer]()
        if let selection {
            for given in selection {
                if let layer = all.first(where: { $0.key == given }) {
                    chosen.append(layer)
                } else {
                    let byName = all.filter { $0.name == given }
                    guard byName.count == 1 else {
                        let listing = all.map { layer in layer.name.map { "\(layer.key) (\($0))" } ?? layer.key }.joined(separator: ", ")
                        throw refuse(.notFound, "the layer \"\(given)\" asked for is \(byName.isEmpty ? "not" : "more than one") layer with weights here (layers under /layers: \(listing))")
                    }
                    chosen.append(byName[0])
                }
            }
        } else {
            if let other = all.first(where: { $0.denseNumber == nil }) {
                throw refuse(.unsupported, "\(other.groupPath)\(other.name.map { " (\($0))" } ?? "") holds weights but is not a Dense layer (Keras 3 keys Dense layers dense, dense_1, …): only MLPs of Dense layers import", remedy: .chooseLayers)
            }
            let containers = Set(all.map(\.container))
            guard containers.count <= 1 else {
                throw refuse(.incomplete, "Dense layers sit in several nested models (\(all.map(\.key).joined(separator: ", "))), whose order the file does not record", remedy: .chooseLayers)
            }
            chosen = all.sorted { $0.denseNumber! < $1.denseNumber! }
        }
        guard !chosen.isEmpty else { throw refuse(.unsupported, "holds no layers with weights under /layers") }
        let layers = try chosen.map { layer -> DenseLayer in
            let vars = layer.groupPath + "/vars"
            guard layer.variables.contains("0"), Set(layer.variables).isSubset(of: ["0", "1"]) else {
                throw refuse(.unsupported, "\(vars) holds the variables \(layer.variables.joined(separator: ", ")); a Dense layer holds 0 (kernel) and 1 (bias) only (a quantized or LoRA layer?)")
            }
            return try denseLayer(name: layer.key, kernelPath: vars + "/0", biasPath: layer.variables.contains("1") ? vars + "/1" : nil)
        }
        return CheckpointLayers(layers: layers, activations: nil)
    }

    // MARK: Legacy .h5

    /// A string-list attribute as Keras's legacy writer stores it: whole, or split into
    /// `NAME0`, `NAME1`, … when it exceeds HDF5's object-header limit; an empty float64
    /// array when empty.
    private func legacyList(_ holder: any HDF5AttributeHolder, _ name: String, at location: String) throws -> [String] {
        var chunks = [String]()
        if holder.hasAttribute(name) {
            chunks = [name]
        } else {
            while holder.hasAttribute("\(name)\(chunks.count)") { chunks.append("\(name)\(chunks.count)") }
        }
        var values = [String]()
        for chunk in chunks {
            if let strings = try? holder.stringArrayAttribute(chunk) {
                values += strings
            } else if let numbers = try? holder.attributeArray(chunk, as: Double.self), numbers.isEmpty {
                continue
            } else {
                throw refuse(.malformed, "\(location)@\(chunk) is not a list of strings")
            }
        }
        return values
    }

    private func readLegacy(selection: [String]?) throws -> CheckpointLayers {
        let base = layout == .legacyModel ? "/model_weights" : "/"
        let group = try file.root.openGroup(base)
        let layerNames = try legacyList(group, "layer_names", at: base)
        guard !layerNames.isEmpty else { throw refuse(.malformed, "\(base)@layer_names is missing or empty") }
        func groupPath(_ name: String) -> String { base == "/" ? "/" + name : base + "/" + name }

        // The layers with weights, and which of them are Dense (a kernel and maybe a bias).
        var weightsByLayer = [String: (kernel: String, bias: String?)]()
        var withWeights = [String]()
        for name in layerNames {
            guard !name.isEmpty, !name.contains("/"), file.root.contains(groupPath(name)) else {
                throw refuse(.malformed, "\(base)@layer_names lists \"\(name)\", but there is no group \(groupPath(name))")
            }
            let layerGroup = try file.root.openGroup(groupPath(name))
            let weightNames = try legacyList(layerGroup, "weight_names", at: groupPath(name))
            if weightNames.isEmpty { continue }
            withWeights.append(name)
            func role(_ weight: String) -> String {
                var last = String(weight.split(separator: "/").last ?? "")
                if last.hasSuffix(":0") { last.removeLast(2) }
                return last
            }
            let kernel = weightNames.filter { role($0) == "kernel" }
            let bias = weightNames.filter { role($0) == "bias" }
            if kernel.count == 1 && bias.count <= 1 && weightNames.count == kernel.count + bias.count {
                weightsByLayer[name] = (groupPath(name) + "/" + kernel[0], bias.first.map { groupPath(name) + "/" + $0 })
            } else if selection == nil {
                throw refuse(.unsupported, "layer \"\(name)\" holds the weights \(weightNames.joined(separator: ", ")); only Dense layers (a kernel and a bias) import", remedy: .chooseLayers)
            }
        }
        let chosen: [String]
        if let selection {
            chosen = try selection.map { given in
                guard weightsByLayer[given] != nil else {
                    throw refuse(.notFound, "the layer \"\(given)\" asked for is not a Dense layer here (Dense layers: \(withWeights.filter { weightsByLayer[$0] != nil }.joined(separator: ", ")))")
                }
                return given
            }
        } else {
            chosen = withWeights
        }
        guard !chosen.isEmpty else { throw refuse(.unsupported, "holds no layers with weights") }
        let layers = try chosen.map { name in
            try denseLayer(name: name, kernelPath: weightsByLayer[name]!.kernel, biasPath: weightsByLayer[name]!.bias)
        }
        var activations: [String]?
        if layout == .legacyModel && file.root.hasAttribute("model_config") {
            activations = try legacyActivations(of: chosen, strict: selection == nil)
        }
        return CheckpointLayers(layers: layers, activations: activations)
    }

    /// The activation after each of the named Dense layers, from `model_config`: the
    /// layer's own, or an `Activation`/`ReLU` layer's right after a linear Dense layer.
    /// With `strict`, layers of other classes between them are refused.
    private func legacyActivations(of names: [String], strict: Bool) throws -> [String] {
        var activations = [String: String]()
        var lastDense: String?
        for case let layer as [String: Any] in try modelConfigLayers() {
            let className = layer["class_name"] as? String ?? "?"
            let layerConfig = layer["config"] as? [String: Any] ?? [:]
            let name = layerConfig["name"] as? String ?? layer["name"] as? String ?? "?"
            switch className {
            case "Dense":
                guard let activation = Self.activationName(layerConfig["activation"]) else {
                    throw refuse(.unsupported, "/@model_config: layer \"\(name)\" has an activation that cannot be imported")
                }
                activations[name] = activation
                lastDense = name
            case "Activation", "ReLU":
                guard let dense = lastDense, activations[dense] == "linear" else {
                    if strict {
                        throw refuse(.unsupported, "/@model_config: layer \"\(name)\" (\(className)) does not follow a linear Dense layer, so it cannot be folded into one", remedy: .chooseLayers)
                    }
                    lastDense = nil
                    continue
                }
                activations[dense] = Self.layerActivation(className, layerConfig) ?? "an activation that cannot be imported"
            case "InputLayer", "Dropout", "Flatten":
                continue
            default:
                if strict {
                    throw refuse(.unsupported, "/@model_config holds layer \"\(name)\" of class \(className); only Dense layers (with Activation, ReLU, Dropout, Flatten and InputLayer between them) import", remedy: .chooseLayers)
                }
                lastDense = nil
            }
        }
        return try names.map { name in
            guard let activation = activations[name] else {
                throw refuse(.notFound, "/@model_config has no Dense layer named \"\(name)\"")
            }
            return activation
        }
    }

    /// The layers `/@model_config` lists, as JSON objects.
    private func modelConfigLayers() throws -> [Any] {
        let text = try file.root.stringAttribute("model_config")
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let model = json as? [String: Any] else {
            throw refuse(.malformed, "/@model_config is not a JSON object")
        }
        let config = model["config"]
        let layerList = (config as? [String: Any])?["layers"] as? [Any] ?? config as? [Any]
        guard let layerList else { throw refuse(.malformed, "/@model_config has no list of layers") }
        return layerList
    }

    /// A layer's `activation` setting as a name: none is `linear`; nil for what is not a name.
    private static func activationName(_ value: Any?) -> String? {
        switch value {
        case nil, is NSNull: return "linear"
        case let name as String: return name
        case let dictionary as [String: Any]: return dictionary["config"] as? String
        default: return nil
        }
    }

    /// What an `Activation` or `ReLU` layer applies; a ReLU with a cap, a slope or a threshold
    /// is named as such, which no run format name matches.
    private static func layerActivation(_ className: String, _ config: [String: Any]) -> String? {
        if className == "Activation" { return activationName(config["activation"]) }
        let plain = (config["max_value"] == nil || config["max_value"] is NSNull)
            && ((config["negative_slope"] as? Double) ?? 0) == 0 && ((config["threshold"] as? Double) ?? 0) == 0
        return plain ? "relu" : "a ReLU with max_value, negative_slope or threshold"
    }

    // MARK: Arrays

    private func floatDataset(_ datasetPath: String) throws -> (HDF5Dataset, [Int]) {
        guard file.root.contains(datasetPath) else { throw refuse(.malformed, "\(datasetPath) is missing") }
        let dataset = try file.root.openDataset(datasetPath)
        let type = try dataset.elementType
        guard type == .float32 || type == .float64 else {
            var stored = "\(type)"
            if dataset.hasAttribute("dtype"), let declared = try? dataset.stringAttribute("dtype") { stored = "\(declared) (\(type))" }
            throw refuse(.unsupported, "\(datasetPath) is stored as \(stored); float32 and float64 weights can be imported")
        }
        return (dataset, try dataset.shape)
    }

    /// A Dense layer from a kernel `[in, out]` and a bias `[out]`.
    private func denseLayer(name: String, kernelPath: String, biasPath: String?) throws -> DenseLayer {
        let (kernel, shape) = try floatDataset(kernelPath)
        guard shape.count == 2 else {
            throw refuse(.malformed, "\(kernelPath) has shape \(shape); a Dense kernel is [in, out]")
        }
        let (inputs, outputs) = (shape[0], shape[1])
        var bias: [Float]?
        if let biasPath {
            let (dataset, biasShape) = try floatDataset(biasPath)
            guard biasShape == [outputs] else {
                throw refuse(.malformed, "\(biasPath) has shape \(biasShape) but the kernel \(kernelPath) is \(shape) ([in, out]), so the bias needs [\(outputs)]")
            }
            bias = try dataset.read(as: Float.self)
        }
        return DenseLayer(name: name, kernelInOut: try kernel.read(as: Float.self), inputs: inputs, outputs: outputs, bias: bias)
    }
}
