import HDF5

/// Checks an open HDF5 file against `RunSchema.v1` and reports every problem found.
public struct RunValidator {
    /// With `strict`, also the writing conventions: extendible first axes, one checkpoint
    /// per chunk, shuffle and deflate. Readers do not need them; `lr-train` promises them.
    public var strict: Bool

    public init(strict: Bool = false) { self.strict = strict }

    /// One line per problem; empty when the file conforms.
    public func problems(in file: HDF5File, schema: RunSchema = .v1) -> [String] {
        var problems = [String]()
        let root = file.root
        guard root.hasAttribute(RunLayout.RootAttribute.format),
              let format = try? root.stringAttribute(RunLayout.RootAttribute.format)
        else { return ["not a local-rank run file (no root attribute \"format\")"] }
        guard format == RunLayout.format else {
            return ["not a local-rank run file (format is \"\(format)\", expected \"\(RunLayout.format)\")"]
        }
        guard let version = try? root.attribute(RunLayout.RootAttribute.formatVersion, as: Int64.self) else {
            return ["root attribute format_version is missing or not an integer"]
        }
        guard version == RunLayout.formatVersion else {
            return ["run format version \(version) is not supported (this build reads version \(RunLayout.formatVersion))"]
        }

        // The dimensions every shape refers to.
        var layerSizes = [Int]()
        if let sizes = try? root.openGroup(RunLayout.model).attributeArray(RunLayout.ModelAttribute.layerSizes, as: Int64.self) {
            layerSizes = sizes.map(Int.init)
        }
        guard layerSizes.count >= 2, layerSizes.allSatisfy({ $0 > 0 }) else {
            return ["/model@layer_sizes is missing or not a list of at least two positive integers"]
        }
        let task = (try? root.openGroup(RunLayout.data).stringAttribute(RunLayout.DataAttribute.task)) ?? ""
        let dataName = (try? root.openGroup(RunLayout.data).stringAttribute(RunLayout.DataAttribute.name)) ?? ""
        let architecture = (try? root.openGroup(RunLayout.model).stringAttribute(RunLayout.ModelAttribute.architecture)) ?? ""
        // A DVIB's decoder (the last layer) reads the K-dimensional sample t, not the 2K outputs.
        let bottleneckDimensions = architecture == "dvib"
            ? (try? root.openGroup(RunLayout.model).attribute(RunLayout.ModelAttribute.bottleneckDimensions, as: Int64.self)).map(Int.init)
            : nil
        let probeShape = (try? root.openDataset(RunLayout.probeInputs).shape) ?? []
        let checkpointCount = (try? root.openDataset(RunLayout.steps).shape.first) ?? 0
        let targetWidth: Int? = task == "classification" ? nil : (try? root.openDataset(RunLayout.probeTargets).shape).flatMap { $0.count == 2 ? $0[1] : nil }
        let jointWidth = (try? root.openDataset(RunLayout.jointCovariance).shape.first) ?? 0

        if !["regression", "classification"].contains(task) {
            problems.append("/data@task is \"\(task)\", expected \"regression\" or \"classification\"")
        }
        if !["mlp", "dvib"].contains(architecture) {
            problems.append("/model@architecture is \"\(architecture)\", expected \"mlp\" or \"dvib\"")
        }

        for entry in schema.entries {
            let isRequired: Bool
            switch entry.required {
            case "always": isRequired = true
            case "classification", "regression": isRequired = task == entry.required
            case "gaussian": isRequired = dataName == "gaussian"
            case "dvib": isRequired = architecture == "dvib"
            default: isRequired = false
            }
            let layers = entry.path.contains("<l>") ? Array(0..<(layerSizes.count - 1)) : [-1]
            for layer in layers {
                let path = entry.path.replacingOccurrences(of: "<l>", with: "\(layer)")
                func dimension(_ symbol: String) -> Int? {
                    switch symbol {
                    case "C": return checkpointCount
                    case "L": return layerSizes.count - 1
                    case "L+1": return layerSizes.count
                    case "N": return probeShape.first
                    case "n_0": return layerSizes[0]
                    case "n_l":
                        if let k = bottleneckDimensions, layer == layerSizes.count - 2 { return k }
                        return layerSizes[layer]
                    case "n_{l+1}": return layerSizes[layer + 1]
                    case "target_width": return targetWidth
                    case "n_0+n_y": return jointWidth
                    default: return nil
                    }
                }
                let expectedShape = entry.shape.map { $0.compactMap(dimension) }
                switch entry.kind {
                case .group:
                    if isRequired && !root.contains(path) { problems.append("missing group \(path)") }
                case .attribute:
                    let parts = path.split(separator: "@", maxSplits: 1).map(String.init)
                    let owner = parts[0], name = parts[1]
                    guard root.contains(owner) || owner == "/" else {
                        if isRequired { problems.append("missing \(path) (no object \(owner))") }
                        continue
                    }
                    let holder: (any HDF5AttributeHolder)? = owner == "/" ? root :
                        ((try? root.openGroup(owner)) as (any HDF5AttributeHolder)?) ?? (try? root.openDataset(owner))
                    guard let holder, holder.hasAttribute(name) else {
                        if isRequired { problems.append("missing attribute \(path)") }
                        continue
                    }
                    problems += checkAttribute(holder, name: name, path: path, entry: entry, expectedShape: expectedShape)
                case .dataset:
                    guard root.contains(path) else {
                        if isRequired { problems.append("missing dataset \(path)") }
                        continue
                    }
                    guard let dataset = try? root.openDataset(path) else {
                        problems.append("\(path) is not a dataset")
                        continue
                    }
                    problems += checkDataset(dataset, path: path, entry: entry, expectedShape: expectedShape, task: task)
                }
            }
        }
        // Every other dataset in /checkpoints is a metric: float64 [C].
        if let names = try? root.openGroup(RunLayout.checkpoints).memberNames() {
            for name in names where !RunLayout.checkpointBookkeeping.contains(name) {
                let path = RunLayout.metric(name)
                guard let dataset = try? root.openDataset(path), let shape = try? dataset.shape else {
                    problems.append("\(path) is not a dataset"); continue
                }
                if shape.count != 1 || shape[0] < checkpointCount {
                    problems.append("metric \(path) has shape \(shape), expected [\(checkpointCount)]")
                }
            }
        }
        return problems
    }

    private func typeMatches(_ stored: HDF5ElementType, _ expected: String) -> Bool {
        let floating: Set<HDF5ElementType> = [.float32, .float64]
        let integer: Set<HDF5ElementType> = [.int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64]
        switch expected {
        case "string", "string[]": return stored == .string
        case "float32", "float64": return strict ? stored == (expected == "float32" ? .float32 : .float64) : floating.contains(stored)
        case "int64", "int64[]", "integer": return strict && expected != "integer" ? stored == .int64 : integer.contains(stored)
        case "number": return floating.contains(stored) || integer.contains(stored)
        default: return false
        }
    }

    private func checkAttribute(_ holder: any HDF5AttributeHolder, name: String, path: String,
                                entry: RunSchema.Entry, expectedShape: [Int]?) -> [String] {
        guard let type = entry.type else { return [] }
        if type.hasPrefix("string") {
            if type == "string[]" {
                guard let values = try? holder.stringArrayAttribute(name) else { return ["\(path) is not a list of strings"] }
                if let expected = expectedShape?.first, values.count != expected {
                    return ["\(path) has \(values.count) entries, expected \(expected)"]
                }
                return []
            }
            guard let value = try? holder.stringAttribute(name) else { return ["\(path) is not a string"] }
            if let fixed = entry.value, value != fixed { return ["\(path) is \"\(value)\", expected \"\(fixed)\""] }
            return []
        }
        if type.hasSuffix("[]") {
            guard let values = try? holder.attributeArray(name, as: Double.self) else { return ["\(path) is not numeric"] }
            if let expected = expectedShape?.first, values.count != expected {
                return ["\(path) has \(values.count) entries, expected \(expected)"]
            }
            return []
        }
        guard let value = try? holder.attribute(name, as: Double.self) else { return ["\(path) is not a number"] }
        if let fixed = entry.value, let fixedValue = Double(fixed), value != fixedValue {
            return ["\(path) is \(value), expected \(fixed)"]
        }
        return []
    }

    private func checkDataset(_ dataset: HDF5Dataset, path: String, entry: RunSchema.Entry,
                              expectedShape: [Int]?, task: String) -> [String] {
        var problems = [String]()
        guard let shape = try? dataset.shape, let elementType = try? dataset.elementType else {
            return ["cannot read the shape of \(path)"]
        }
        if let type = entry.type, !typeMatches(elementType, type) {
            problems.append("\(path) is stored as \(elementType), expected \(type)")
        }
        if var expected = expectedShape {
            if path == RunLayout.probeTargets && task == "classification" { expected = [expected[0]] }
            let extendible = entry.shape?.first == "C"
            let matches = shape.count == expected.count && zip(shape, expected).enumerated().allSatisfy { index, pair in
                index == 0 && extendible ? (pair.0 == pair.1 || pair.0 == pair.1 + 1) : pair.0 == pair.1
            }
            if !matches { problems.append("\(path) has shape \(shape), expected \(expected)") }
            if strict && extendible {
                if let maximum = try? dataset.maximumShape, maximum.first != .some(nil) {
                    problems.append("\(path) does not have an unlimited first axis")
                }
                if let chunk = try? dataset.chunkShape, chunk != [1] + shape.dropFirst() {
                    problems.append("\(path) is chunked \(chunk), expected one checkpoint per chunk")
                }
                if (try? dataset.isShuffled) != true || (try? dataset.deflateLevel) == nil {
                    problems.append("\(path) is not shuffled and deflated")
                }
            }
        }
        return problems
    }
}

