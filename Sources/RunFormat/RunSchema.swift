import Foundation
import Vocabulary

/// The machine-readable description of run format v1. `schemas/run-format-v1.json` is
/// this value encoded as JSON (`lr-analyze schema`), and a test keeps the two equal;
/// `RunValidator` checks files against it. Paths come from `RunLayout`; kinds, types,
/// dimensions and requirements are enums, so a misspelt one does not compile.
public struct RunSchema: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case attribute, dataset, group }

    /// The stored type of an attribute or dataset.
    public enum ValueType: String, Sendable, Codable {
        case string, strings = "string[]", int64, int64s = "int64[]", float32, float64
        /// Any numeric scalar type.
        case number
        /// Any integer type.
        case integer
    }

    /// The symbols shapes are written in.
    public enum Dimension: String, Sendable, Codable, CaseIterable {
        case checkpoints = "C", layers = "L", layersPlusOne = "L+1", probeInputs = "N"
        case inputWidth = "n_0", layerInputWidth = "n_l", layerOutputWidth = "n_{l+1}"
        case targetWidth = "target_width", jointWidth = "n_0+n_y"
        /// Layer l's weight shape: `[n_{l+1}, n_l]`, or a conv2d layer's `[out, in, kernel_h, kernel_w]`.
        case layerWeightShape = "shape(W_l)"
        /// Layer l's bias width: n_{l+1}, or a conv2d layer's output channels.
        case layerBiasWidth = "len(b_l)"
    }

    /// When a file must hold an entry.
    public enum Requirement: String, Sendable, Codable {
        case always, classification, regression, optional
        /// When `/data@name` is "gaussian" (synthetic data with a known covariance).
        case gaussian
        /// When `/model@architecture` is "dvib".
        case dvib
        /// When `/model@architecture` is "cnn".
        case cnn
    }

    /// What `lr-analyze` makes of an entry before computing local rank.
    public enum AnalysisUse: String, Sendable, Codable {
        /// Local rank needs it: a file without it (where the requirement applies) is refused.
        case required
        /// Not needed, but checked when present, since a wrong value would change the result.
        case checkedWhenPresent = "checked-when-present"
        /// Not needed: shown as absent when missing.
        case unused
    }

    /// One required or optional object. Per-layer paths hold `RunLayout.layerPlaceholder`
    /// (`<l>`), meaning one object per layer l = 0 … L−1; attribute paths are `object@name`.
    public struct Entry: Sendable, Codable, Equatable {
        public var path: String
        public var kind: Kind
        public var type: ValueType?
        /// A leading `C` marks an extendible axis.
        public var shape: [Dimension]?
        /// The one value allowed (`format`), or the names allowed (`task`).
        public var values: [String]?
        public var required: Requirement
        public var analysis: AnalysisUse
        public var description: String

        /// The object and attribute name of an attribute entry (`"/model"`, `"layer_sizes"`).
        public var attributeParts: (object: String, name: String)? {
            guard kind == .attribute, let at = path.firstIndex(of: "@") else { return nil }
            return (String(path[..<at]), String(path[path.index(after: at)...]))
        }

        public var isPerLayer: Bool { path.contains(RunLayout.layerPlaceholder) }
    }

    public var name: String
    public var version: Int
    /// What each shape symbol means.
    public var dimensions: [String: String]
    /// How writers should store `[C, …]` datasets.
    public var chunking: String
    public var entries: [Entry]
}

extension RunSchema {
    public static let v1 = RunSchema(
        name: RunLayout.format, version: Int(RunLayout.formatVersion),
        dimensions: [
            Dimension.checkpoints.rawValue: "number of checkpoints: the length of /checkpoints/step; other [C, ...] datasets may have one more row while a checkpoint is being written",
            Dimension.layers.rawValue: "number of layers",
            Dimension.probeInputs.rawValue: "number of probe inputs",
            Dimension.layerInputWidth.rawValue: "layer_sizes[l] (for a dvib's last layer, the decoder: bottleneck_dim)",
            Dimension.targetWidth.rawValue: "n_y for regression; absent (1-D labels) for classification",
            Dimension.jointWidth.rawValue: "n_0 plus the target width n_y",
            Dimension.layerWeightShape.rawValue: "[n_{l+1}, n_l] for an mlp or dvib layer; [out_features, in_features] for a cnn's dense layer; [out_channels, in_channels, kernel_h, kernel_w] for a cnn's conv2d layer (PyTorch's OIHW)",
            Dimension.layerBiasWidth.rawValue: "n_{l+1} for a dense layer; out_channels for a cnn's conv2d layer",
        ],
        chunking: "every dataset whose first dimension is C has maxshape None on that axis, one checkpoint per chunk, shuffle and deflate; a Fletcher-32 checksum on each chunk is recommended (lr-train and the local-rank writers add it) so that a damaged chunk fails to read",
        entries: rootEntries + modelEntries + dataEntries + checkpointEntries + layerEntries + trainingEntries)

    private static func attribute(
        _ object: String, _ name: String, _ type: ValueType, shape: [Dimension]? = nil, values: [String]? = nil,
        _ required: Requirement, analysis: AnalysisUse = .unused, _ description: String
    ) -> Entry {
        Entry(path: RunLayout.attribute(name, of: object), kind: .attribute, type: type, shape: shape, values: values,
              required: required, analysis: analysis, description: description)
    }

    private static func dataset(
        _ path: String, _ type: ValueType, _ shape: [Dimension], _ required: Requirement,
        analysis: AnalysisUse = .unused, _ description: String
    ) -> Entry {
        Entry(path: path, kind: .dataset, type: type, shape: shape, values: nil, required: required,
              analysis: analysis, description: description)
    }

    private static func group(
        _ path: String, _ required: Requirement, analysis: AnalysisUse = .unused, _ description: String
    ) -> Entry {
        Entry(path: path, kind: .group, type: nil, shape: nil, values: nil, required: required,
              analysis: analysis, description: description)
    }

    private static func names<T: CaseIterable & RawRepresentable>(_ type: T.Type) -> [String] where T.RawValue == String {
        type.allCases.map(\.rawValue)
    }

    private static let rootEntries: [Entry] = {
        let root = "/", name = RunLayout.RootAttribute.self
        return [
            attribute(root, name.format, .string, values: [RunLayout.format], .always, analysis: .required,
                      "identifies the file as a local-rank run"),
            attribute(root, name.formatVersion, .integer, values: [String(RunLayout.formatVersion)], .always, analysis: .required,
                      "run format version"),
            attribute(root, name.producer, .string, .always, "program and version that wrote the file, e.g. lr-train 0.1.0"),
            attribute(root, name.created, .string, .always, "ISO 8601 creation time in UTC"),
            attribute(root, name.hdf5Version, .string, .always, "HDF5 library version that wrote the file"),
        ]
    }()

    private static let modelEntries: [Entry] = {
        let model = RunLayout.model, name = RunLayout.ModelAttribute.self
        return [
            group(model, .always, analysis: .required, "the network"),
            attribute(model, name.architecture, .string, values: names(Architecture.self), .always, analysis: .required,
                      "the kind of network"),
            attribute(model, name.layerSizes, .int64s, shape: [.layersPlusOne], .always, analysis: .required,
                      "n_0 (input width), n_1, …, n_L (each layer's output width)"),
            attribute(model, name.activations, .strings, shape: [.layers], values: names(Activation.self), .always,
                      analysis: .required, "activation applied after layer l's pre-activation"),
            attribute(model, name.weightLayout, .string, values: [RunLayout.weightLayoutOutIn], .always,
                      analysis: .checkedWhenPresent, "weights are stored [out, in], as PyTorch's Linear, and conv2d kernels [out, in, kernel_h, kernel_w], as its Conv2d (assumed when absent)"),
            attribute(model, name.bottleneckLayer, .integer, .dvib, analysis: .required,
                      "index of the layer whose first K outputs are μ and next K give σ"),
            attribute(model, name.bottleneckDimensions, .integer, .dvib, analysis: .required,
                      "K, the dimension of the representation t"),
            attribute(model, name.beta, .number, .dvib, analysis: .required, "weight of the KL term in the loss"),
            attribute(model, name.inputShape, .int64s, .cnn, analysis: .required,
                      "(C, H, W) of the input; /probe/x holds inputs flattened in C-H-W order, n_0 = C·H·W"),
            attribute(model, name.layers, .string, .cnn, analysis: .required,
                      "JSON array of the layers in order, each {\"kind\": dense, conv2d, max-pool, average-pool or flatten, and that kind's sizes}; layer l of the other entries is the l-th dense or conv2d layer"),
        ]
    }()

    private static let dataEntries: [Entry] = {
        let data = RunLayout.data, name = RunLayout.DataAttribute.self
        return [
            group(data, .always, analysis: .required, "the training data"),
            attribute(data, name.name, .string, .always, "gaussian, fashion-mnist, mnist, or the producer's own name"),
            attribute(data, name.task, .string, values: names(LearningTask.self), .always, analysis: .required,
                      "what the targets are"),
            attribute(data, name.seed, .integer, .always, "seed of the data generation or subset selection"),
            attribute(data, name.trainCount, .integer, .always, "training examples used"),
            attribute(data, name.testCount, .integer, .always, "test examples used"),
            attribute(data, name.source, .string, .always, "where the data came from"),
            attribute(data, name.probeSource, .string, values: ["train", "test", "all"], .optional,
                      "the split the probe inputs come from: where the network was fitted, held out, or all examples (training first)"),
            attribute(data, name.inputMean, .number, .optional,
                      "with input_std: the inputs were standardized, x ↦ (x − input_mean) / input_std; /probe/x holds them standardized"),
            attribute(data, name.inputStandardDeviation, .number, .optional, "see input_mean"),
            dataset(RunLayout.jointCovariance, .float64, [.jointWidth, .jointWidth], .gaussian,
                    "joint covariance of (x, y) for synthetic Gaussian data, x first"),
            dataset(RunLayout.probeInputs, .float32, [.probeInputs, .inputWidth], .always, analysis: .required,
                    "the fixed inputs at which local rank is measured"),
            dataset(RunLayout.probeTargets, .number, [.probeInputs, .targetWidth], .optional,
                    "targets [N, n_y] (regression) or labels [N] (classification) of the probe inputs"),
        ]
    }()

    private static let checkpointEntries: [Entry] = [
        dataset(RunLayout.steps, .int64, [.checkpoints], .always, analysis: .required,
                "training step of each checkpoint; its length is the number of checkpoints C"),
        dataset(RunLayout.epochs, .float64, [.checkpoints], .always, "epochs completed at each checkpoint"),
        dataset(RunLayout.wallTimes, .float64, [.checkpoints], .always, "seconds of training since the start of the run"),
        dataset(RunLayout.metric("train_loss"), .float64, [.checkpoints], .always,
                "loss on the training set (every other float64 [C] dataset here is a metric too)"),
        dataset(RunLayout.metric("test_loss"), .float64, [.checkpoints], .always, "loss on the test set"),
        dataset(RunLayout.metric("test_accuracy"), .float64, [.checkpoints], .classification,
                "fraction of test examples classified correctly"),
    ]

    private static let layerEntries: [Entry] = [
        dataset(RunLayout.weightTemplate, .float32, [.checkpoints, .layerWeightShape], .always,
                analysis: .required, "W_l at each checkpoint, [out, in] (a conv2d layer's kernel [out, in, kernel_h, kernel_w])"),
        dataset(RunLayout.biasTemplate, .float32, [.checkpoints, .layerBiasWidth], .always, analysis: .required,
                "b_l at each checkpoint (a conv2d layer's: one per output channel)"),
        dataset(RunLayout.activationsTemplate, .float32, [.checkpoints, .probeInputs, .layerOutputWidth], .optional,
                "pre-activations of layer l on /probe/x at each checkpoint"),
    ]

    private static let trainingEntries: [Entry] = [
        group(RunLayout.training, .optional,
              "the producer's training settings as string attributes (lr-train: every setting, and the optimizer state --resume needs)"),
    ]

    /// The schema as JSON, keys sorted, for `schemas/run-format-v1.json`.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
