import Vocabulary

/// The activations of an imported network: from the file where its format records them
/// (a legacy Keras `.h5` model), otherwise from `--activations`.
///
/// The run format knows `relu`, `tanh` and `identity` (Keras's `linear`) after hidden
/// layers. The last layer is stored as `identity` whatever it applies (softmax, sigmoid,
/// …): local rank is measured on pre-activations, so the output's nonlinearity never
/// enters it.
public enum ImportActivations {
    /// The run format's activation a Keras or user name stands for: `linear` (Keras) is
    /// `identity`, and case does not matter.
    public static func activation(named name: String) -> Activation? {
        let lower = name.lowercased()
        return Activation(rawValue: lower == "linear" ? Activation.identity.rawValue : lower)
    }

    /// `--activations`: one name for every hidden layer, or a comma-separated list with
    /// one name per hidden layer (optionally followed by the last layer's, which is ignored).
    public static func parseOption(_ text: String) -> [Activation]? {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
        let activations = names.compactMap { activation(named: $0.trimmingCharacters(in: .whitespaces)) }
        return !names.isEmpty && activations.count == names.count ? activations : nil
    }

    /// The `[L]` activations to store. `file` names the checkpoint, for messages.
    public static func resolve(option: [Activation]?, fromFile: [String]?, layers: [String], file: String, format: String) throws -> [Activation] {
        let count = layers.count
        let hidden = count - 1
        var fromOption: [Activation]?
        if let option {
            switch option.count {
            case 1: fromOption = [Activation](repeating: option[0], count: hidden)
            case hidden, count: fromOption = Array(option.prefix(hidden))
            default:
                throw CheckpointImportError(
                    .mismatch, file: "", problem: "\(option.count) activations given for \(count) layers (\(layers.joined(separator: ", "))): give one name for every hidden layer, or \(hidden) (one per hidden layer) or \(count)")
            }
        }
        var fromRecord: [Activation]?
        if let fromFile {
            precondition(fromFile.count == count)
            fromRecord = try (0..<hidden).map { l in
                guard let activation = activation(named: fromFile[l]) else {
                    throw CheckpointImportError(
                        .unsupported, file: file, problem: "layer \"\(layers[l])\" applies the activation \(fromFile[l]); the run format knows \(Activation.namesList) (linear) for hidden layers")
                }
                return activation
            }
        }
        if let fromOption, let fromRecord, let l = (0..<hidden).first(where: { fromOption[$0] != fromRecord[$0] }) {
            throw CheckpointImportError(
                .mismatch, file: file, problem: "the activation given for layer \"\(layers[l])\" is \(fromOption[l]), but the file records \(fromRecord[l])", remedy: .omitActivations)
        }
        guard let chosen = fromRecord ?? fromOption ?? (hidden == 0 ? [] : nil) else {
            throw CheckpointImportError(
                .incomplete, file: file, problem: "\(format) files do not record activations", remedy: .giveActivations)
        }
        return chosen + [.identity]
    }
}

import Foundation
