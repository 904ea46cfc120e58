/// The Linear layers of a PyTorch `state_dict` saved as safetensors.
///
/// **Names.** A Linear layer is a module prefix `P` with a tensor `P.weight` of shape
/// `[out, in]` and, optionally, `P.bias` of shape `[out]`: `0.weight`, `0.bias`, `2.weight`
/// for an `nn.Sequential(Linear, ReLU, Linear, …)`, `fc1.weight` for named attributes,
/// `net.0.weight` for a Sequential inside a module. A Linear without a bias gets zeros.
///
/// **Order.** safetensors files keep no module order (the writer sorts the names), so
/// the layers are ordered by their prefixes with numbers compared as numbers
/// (`0 < 2 < 10`, `fc1 < fc2 < fc10`, `net.2 < net.10`), component by component, which is
/// PyTorch's registration order for `nn.Sequential` and for numbered names. Other names
/// sort alphabetically; when that is not the forward order the shapes usually do not
/// chain and the import is refused with the order it tried: `--layers` gives the order.
///
/// Without `--layers`, every tensor must belong to a Linear layer (a BatchNorm's
/// `running_mean`, a LayerNorm's 1-D `weight` or an embedding would make the network
/// something other than an MLP, so they are refused); with `--layers`, the named layers
/// are read and the other tensors are ignored.
public enum SafetensorsCheckpoint {
    public static let orderRule = "module order (numbers in the names compared as numbers)"

    /// Reads the Linear layers of `path`: all of them in module order, or those `selection`
    /// names (module prefixes like `0` or `fc1`; a trailing `.weight` is ignored), in that order.
    public static func read(path: String, selection: [String]?) throws -> CheckpointLayers {
        let file = try SafetensorsFile(path: path)
        let names = try layerNames(in: file, selection: selection)
        var layers = [DenseLayer]()
        for prefix in names {
            let weightName = prefix.isEmpty ? "weight" : prefix + ".weight"
            let biasName = prefix.isEmpty ? "bias" : prefix + ".bias"
            let weight = file.tensors[weightName]!
            let (outputs, inputs) = (weight.shape[0], weight.shape[1])
            var bias: [Float]?
            if let biasTensor = file.tensors[biasName] {
                guard biasTensor.shape == [outputs] else {
                    throw CheckpointImportError(
                        .malformed, file: path,
                        problem: "tensor \"\(biasName)\" has shape \(biasTensor.shape) but \"\(weightName)\" is [\(outputs), \(inputs)], so a bias needs shape [\(outputs)]")
                }
                bias = try file.floats(biasName)
            }
            layers.append(DenseLayer(name: prefix, inputs: inputs, outputs: outputs, weight: try file.floats(weightName),
                                     bias: bias ?? [Float](repeating: 0, count: outputs)))
        }
        let result = CheckpointLayers(layers: layers, activations: nil)
        try result.requireChaining(file: path, orderRule: selection == nil ? orderRule : "the order asked for")
        return result
    }

    /// The module prefixes of the Linear layers to import, in order.
    static func layerNames(in file: SafetensorsFile, selection: [String]?) throws -> [String] {
        func refuse(_ kind: CheckpointImportError.Kind, _ problem: String, remedy: CheckpointImportError.Remedy? = nil) -> CheckpointImportError {
            CheckpointImportError(kind, file: file.path, problem: problem, remedy: remedy)
        }
        func split(_ name: String) -> (prefix: String, kind: String)? {
            for kind in ["weight", "bias"] {
                if name == kind { return ("", kind) }
                if name.hasSuffix("." + kind) { return (String(name.dropLast(kind.count + 1)), kind) }
            }
            return nil
        }
        func isLinearWeight(_ prefix: String) -> Bool {
            file.tensors[prefix.isEmpty ? "weight" : prefix + ".weight"]?.shape.count == 2
        }
        if let selection {
            return try selection.map { given in
                let prefix = given.hasSuffix(".weight") ? String(given.dropLast(7)) : given
                guard isLinearWeight(prefix) else {
                    let weight = prefix.isEmpty ? "weight" : prefix + ".weight"
                    if let tensor = file.tensors[weight] {
                        throw refuse(.unsupported, "the layer \"\(given)\" asked for has \"\(weight)\" of shape \(tensor.shape), not [out, in]: not a Linear layer")
                    }
                    let available = file.names.compactMap(split).filter { $0.kind == "weight" && isLinearWeight($0.prefix) }.map(\.prefix)
                    throw refuse(.notFound, "the layer \"\(given)\" asked for has no tensor \"\(weight)\" (Linear layers here: \(available.joined(separator: ", ")))")
                }
                return prefix
            }
        }
        var prefixes = Set<String>()
        for name in file.names {
            guard let parts = split(name), isLinearWeight(parts.prefix),
                  parts.kind == "weight" || file.tensors[name]!.shape.count == 1 else {
                let tensor = file.tensors[name]!
                throw refuse(.unsupported, "tensor \"\(name)\" (shape \(tensor.shape)) does not belong to a Linear layer (NAME.weight [out, in] with NAME.bias [out]): only MLPs import", remedy: .chooseLayers)
            }
            prefixes.insert(parts.prefix)
        }
        guard !prefixes.isEmpty else { throw refuse(.unsupported, "holds no tensors") }
        return prefixes.sorted(by: NaturalOrder.areInIncreasingOrder)
    }
}
