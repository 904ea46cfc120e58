import Platform

/// One checkpoint file and the training step it holds.
public struct CheckpointFile: Sendable, Equatable {
    public var path: String
    public var step: Int

    public init(path: String, step: Int) {
        self.path = path
        self.step = step
    }
}

/// Which files are checkpoints, and the step of each.
///
/// **The step rule.** A checkpoint's step is the last run of decimal digits in its file
/// name, after the directory and the extension (`.weights.h5`, `.safetensors`, `.h5`,
/// `.hdf5`) are removed: `ckpt/epoch-07.weights.h5` → 7, `run3/step-1200.safetensors`
/// → 1200, `model-v2-e15.h5` → 15. A name without digits, or two files with the same
/// step, is refused; `--steps` gives the steps instead, in the order of the files.
/// Checkpoints are imported in increasing step order, whatever the order of their names.
public enum CheckpointNaming {
    /// Extensions removed before looking for the step, longest first.
    public static let knownExtensions = [".weights.h5", ".safetensors", ".hdf5", ".h5"]

    /// Files that hold Python pickles, which are never opened.
    public static let pickleExtensions = [".pt", ".pth", ".bin", ".ckpt", ".pkl", ".pickle"]

    /// Expands each pattern with `glob(3)` (users quote their patterns so that a long
    /// list of checkpoints does not hit the shell's argument limit), in sorted order,
    /// without duplicates. A pattern without wildcards names one file, which must exist.
    public static func expand(_ patterns: [String]) throws -> [String] {
        var files = [String]()
        var seen = Set<String>()
        for pattern in patterns {
            let matches: [String]
            do {
                matches = try FileSystem.paths(matching: pattern)
            } catch {
                throw CheckpointImportError(.unreadable, file: pattern, problem: "the pattern cannot be expanded (\(error))")
            }
            if matches.isEmpty {
                let wildcard = pattern.contains { "*?[".contains($0) }
                throw CheckpointImportError(.notFound, file: pattern, problem: wildcard ? "matches no files" : "no such file")
            }
            for path in matches where seen.insert(path).inserted { files.append(path) }
        }
        return files
    }

    /// Throws for a file whose name says it is a Python pickle (`.pt`, `.pth`, `.bin`,
    /// `.ckpt`, `.pkl`, `.pickle`): loading a pickle runs whatever code it contains.
    public static func refusePickle(_ path: String) throws {
        let name = baseName(path).lowercased()
        guard let suffix = pickleExtensions.first(where: { name.hasSuffix($0) }) else { return }
        throw CheckpointImportError(.unsupported, file: path, problem: pickleProblem("a PyTorch/pickle checkpoint (\(suffix))"),
                                    remedy: .saveAsSafetensors)
    }

    /// The refusal of a file whose first bytes show a zip archive or a pickle rather than
    /// the format it was given as, which readers throw instead of their own when they
    /// cannot parse a file. (Not a test to run first: a valid safetensors header length can
    /// begin with the bytes a pickle does.)
    static func foreignContent(_ path: String) -> CheckpointImportError? {
        guard let file = try? BinaryFile(path: path), file.size >= 4,
              let head = try? file.bytes(at: 0, count: 4) else { return nil }
        if head == [0x50, 0x4B, 0x03, 0x04] {
            if baseName(path).lowercased().hasSuffix(".keras") {
                return CheckpointImportError(.unsupported, file: path, problem: "a .keras archive (a zip), not an HDF5 weights file: unzip it and import the model.weights.h5 inside, or save checkpoints with save_weights_only=True")
            }
            return CheckpointImportError(.unsupported, file: path, problem: pickleProblem("a zip archive (what torch.save writes, with a pickle inside)"),
                                         remedy: .saveAsSafetensors)
        }
        if head[0] == 0x80 && (2...5).contains(head[1]) {
            return CheckpointImportError(.unsupported, file: path, problem: pickleProblem("a Python pickle"), remedy: .saveAsSafetensors)
        }
        return nil
    }

    static func pickleProblem(_ what: String) -> String {
        "\(what): pickles are never opened, because unpickling runs arbitrary code from the file"
    }

    /// The step in a file name, by the rule above.
    public static func step(fromFileName path: String) throws -> Int {
        var name = baseName(path)
        if let known = knownExtensions.first(where: { name.lowercased().hasSuffix($0) }) {
            name.removeLast(known.count)
        }
        let characters = Array(name)
        guard let last = characters.lastIndex(where: { $0.isASCII && $0.isNumber }) else {
            throw CheckpointImportError(
                .incomplete, file: path, problem: "its name holds no step number (name checkpoints like step-100\(extensionOf(path)))", remedy: .giveSteps)
        }
        var first = last
        while first > 0, characters[first - 1].isASCII, characters[first - 1].isNumber { first -= 1 }
        let digits = String(characters[first...last])
        guard let step = Int(digits) else {
            throw CheckpointImportError(.unsupported, file: path, problem: "the step number \(digits) in its name is too large")
        }
        return step
    }

    /// The checkpoints in increasing step order. Steps come from the file names, or from
    /// `steps`, one per file in the order of `files`. Two files with one step are refused.
    public static func order(_ files: [String], steps: [Int]? = nil) throws -> [CheckpointFile] {
        guard !files.isEmpty else { throw CheckpointImportError(.incomplete, file: "", problem: "no checkpoint files given") }
        var checkpoints = [CheckpointFile]()
        if let steps {
            guard steps.count == files.count else {
                throw CheckpointImportError(
                    .mismatch, file: "", problem: "\(steps.count) steps given for \(files.count) checkpoint files (\(files.joined(separator: ", ")))")
            }
            checkpoints = zip(files, steps).map { CheckpointFile(path: $0, step: $1) }
        } else {
            checkpoints = try files.map { CheckpointFile(path: $0, step: try step(fromFileName: $0)) }
        }
        var byStep = [Int: String]()
        for checkpoint in checkpoints {
            if checkpoint.step < 0 {
                throw CheckpointImportError(.mismatch, file: checkpoint.path, problem: "step \(checkpoint.step) is negative")
            }
            if let other = byStep[checkpoint.step] {
                throw CheckpointImportError(
                    .mismatch, file: checkpoint.path,
                    problem: "has step \(checkpoint.step), like \(other); every checkpoint needs its own step (rename the files)", remedy: .giveSteps)
            }
            byStep[checkpoint.step] = checkpoint.path
        }
        return checkpoints.sorted { $0.step < $1.step }
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }

    private static func extensionOf(_ path: String) -> String {
        let name = baseName(path).lowercased()
        return knownExtensions.first { name.hasSuffix($0) } ?? ""
    }
}
