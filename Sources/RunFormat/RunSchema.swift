/// The machine-readable description of run format v1. `schemas/run-format-v1.json` is
/// this value printed as JSON (`lr-analyze schema run`), and a test keeps the two equal;
/// `RunValidator` checks files against it.
public struct RunSchema: Sendable {
    public enum Kind: String, Sendable { case attribute, dataset, group }

    /// One required or optional object. Paths may contain `<l>`, meaning one object per
    /// layer l = 0 … L−1. Attribute paths are `object@name`.
    public struct Entry: Sendable {
        public var path: String
        public var kind: Kind
        /// "string", "string[]", "int64", "int64[]", "float32", "float64", "number" (any
        /// numeric scalar) or "integer" (any integer type) for attributes and datasets.
        public var type: String?
        /// Symbolic dimensions: C (checkpoints), L (layers), N (probe inputs), n_0,
        /// n_l, n_{l+1}, n_L, L+1, target_width, n_0+n_y (joint dimension); a
        /// leading C marks an extendible axis.
        public var shape: [String]?
        /// Fixed value, for attributes such as `format`.
        public var value: String?
        /// When the entry is required: "always", "optional", "classification",
        /// "regression", "gaussian", "dvib".
        public var required: String
        public var description: String
    }

    public var name: String
    public var version: Int
    public var entries: [Entry]

    public static let v1 = RunSchema(name: RunLayout.format, version: Int(RunLayout.formatVersion), entries: [
        Entry(path: "/@format", kind: .attribute, type: "string", value: RunLayout.format, required: "always",
              description: "identifies the file as a local-rank run"),
        Entry(path: "/@format_version", kind: .attribute, type: "integer", value: "1", required: "always",
              description: "run format version"),
        Entry(path: "/@producer", kind: .attribute, type: "string", required: "always",
              description: "program and version that wrote the file, e.g. lr-train 0.1.0"),
        Entry(path: "/@created", kind: .attribute, type: "string", required: "always",
              description: "ISO 8601 creation time in UTC"),
        Entry(path: "/@hdf5_version", kind: .attribute, type: "string", required: "always",
              description: "HDF5 library version that wrote the file"),
        Entry(path: "/model", kind: .group, required: "always", description: "the network"),
        Entry(path: "/model@architecture", kind: .attribute, type: "string", required: "always",
              description: "\"mlp\" or \"dvib\""),
        Entry(path: "/model@layer_sizes", kind: .attribute, type: "int64[]", shape: ["L+1"], required: "always",
              description: "n_0 (input width), n_1, …, n_L (each layer's output width)"),
        Entry(path: "/model@activations", kind: .attribute, type: "string[]", shape: ["L"], required: "always",
              description: "activation applied after layer l's pre-activation: relu, tanh or identity"),
        Entry(path: "/model@weight_layout", kind: .attribute, type: "string", value: RunLayout.weightLayoutOutIn,
              required: "always", description: "weights are stored [out, in], as PyTorch's Linear"),
        Entry(path: "/model@bottleneck_layer", kind: .attribute, type: "integer", required: "dvib",
              description: "index of the layer whose first K outputs are μ and next K give σ"),
        Entry(path: "/model@bottleneck_dim", kind: .attribute, type: "integer", required: "dvib",
              description: "K, the dimension of the representation t"),
        Entry(path: "/model@beta", kind: .attribute, type: "number", required: "dvib",
              description: "weight of the KL term in the loss"),
        Entry(path: "/data", kind: .group, required: "always", description: "the training data"),
        Entry(path: "/data@name", kind: .attribute, type: "string", required: "always",
              description: "gaussian, fashion-mnist, mnist, or the producer's own name"),
        Entry(path: "/data@task", kind: .attribute, type: "string", required: "always",
              description: "\"regression\" or \"classification\""),
        Entry(path: "/data@seed", kind: .attribute, type: "integer", required: "always",
              description: "seed of the data generation or subset selection"),
        Entry(path: "/data@n_train", kind: .attribute, type: "integer", required: "always",
              description: "training examples used"),
        Entry(path: "/data@n_test", kind: .attribute, type: "integer", required: "always",
              description: "test examples used"),
        Entry(path: "/data@source", kind: .attribute, type: "string", required: "always",
              description: "where the data came from"),
        Entry(path: "/data/joint_covariance", kind: .dataset, type: "float64", shape: ["n_0+n_y", "n_0+n_y"],
              required: "gaussian", description: "joint covariance of (x, y) for synthetic Gaussian data, x first"),
        Entry(path: "/probe/x", kind: .dataset, type: "float32", shape: ["N", "n_0"], required: "always",
              description: "the fixed inputs at which local rank is measured"),
        Entry(path: "/probe/y", kind: .dataset, type: "number", shape: ["N", "target_width"], required: "always",
              description: "targets [N, n_y] (regression) or labels [N] (classification)"),
        Entry(path: "/checkpoints/step", kind: .dataset, type: "int64", shape: ["C"], required: "always",
              description: "training step of each checkpoint; its length is the number of checkpoints C"),
        Entry(path: "/checkpoints/epoch", kind: .dataset, type: "float64", shape: ["C"], required: "always",
              description: "epochs completed at each checkpoint"),
        Entry(path: "/checkpoints/wall_time", kind: .dataset, type: "float64", shape: ["C"], required: "always",
              description: "seconds of training since the start of the run"),
        Entry(path: "/checkpoints/train_loss", kind: .dataset, type: "float64", shape: ["C"], required: "always",
              description: "loss on the training set (every other float64 [C] dataset here is a metric too)"),
        Entry(path: "/checkpoints/test_loss", kind: .dataset, type: "float64", shape: ["C"], required: "always",
              description: "loss on the test set"),
        Entry(path: "/checkpoints/test_accuracy", kind: .dataset, type: "float64", shape: ["C"],
              required: "classification", description: "fraction of test examples classified correctly"),
        Entry(path: "/weights/<l>/weight", kind: .dataset, type: "float32", shape: ["C", "n_{l+1}", "n_l"],
              required: "always", description: "W_l at each checkpoint, [out, in]; for dvib the last layer (the decoder) reads t, so its n_l is bottleneck_dim"),
        Entry(path: "/weights/<l>/bias", kind: .dataset, type: "float32", shape: ["C", "n_{l+1}"],
              required: "always", description: "b_l at each checkpoint"),
        Entry(path: "/activations/<l>", kind: .dataset, type: "float32", shape: ["C", "N", "n_{l+1}"],
              required: "optional", description: "pre-activations of layer l on /probe/x at each checkpoint"),
    ])

    /// The schema as JSON, stable key order, for `schemas/run-format-v1.json`.
    public var json: String {
        let quoted = jsonString
        var lines = ["{", "  \"name\": \(quoted(name)),", "  \"version\": \(version),",
                     "  \"dimensions\": {",
                     "    \"C\": \"number of checkpoints: the length of /checkpoints/step; other [C, ...] datasets may have one more row while a checkpoint is being written\",",
                     "    \"L\": \"number of layers\", \"N\": \"number of probe inputs\",",
                     "    \"n_l\": \"layer_sizes[l]\", \"target_width\": \"n_y for regression; absent (1-D labels) for classification\"",
                     "  },",
                     "  \"chunking\": \"every dataset whose first dimension is C has maxshape None on that axis, one checkpoint per chunk, shuffle and deflate\",",
                     "  \"entries\": ["]
        for (index, entry) in entries.enumerated() {
            var fields = ["\"path\": \(quoted(entry.path))", "\"kind\": \(quoted(entry.kind.rawValue))"]
            if let type = entry.type { fields.append("\"type\": \(quoted(type))") }
            if let shape = entry.shape { fields.append("\"shape\": [\(shape.map(quoted).joined(separator: ", "))]") }
            if let value = entry.value { fields.append("\"value\": \(quoted(value))") }
            fields.append("\"required\": \(quoted(entry.required))")
            fields.append("\"description\": \(quoted(entry.description))")
            lines.append("    {" + fields.joined(separator: ", ") + "}" + (index == entries.count - 1 ? "" : ","))
        }
        lines += ["  ]", "}"]
        return lines.joined(separator: "\n") + "\n"
    }
}
