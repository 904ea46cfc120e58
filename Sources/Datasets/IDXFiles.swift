import _ZlibShims

/// The MNIST / Fashion-MNIST IDX format (LeCun et al.): a big-endian header of magic
/// number and dimensions, then unsigned bytes. Files may be gzip-compressed or plain;
/// zlib's gz reader handles both.
public enum IDXFiles {
    /// Where Debian's `dataset-fashion-mnist` package installs Fashion-MNIST.
    public static let debianFashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"

    static let imagesMagic: UInt32 = 0x0000_0803
    static let labelsMagic: UInt32 = 0x0000_0801

    /// Reads `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`
    /// and `t10k-labels-idx1-ubyte` (each with or without `.gz`) from `directory`.
    /// Pixels are scaled to [0, 1]; labels become Float class indices.
    public static func load(directory: String, name: String) throws -> Dataset {
        let train = try examples(directory: directory, prefix: "train")
        let test = try examples(directory: directory, prefix: "t10k")
        return Dataset(name: name, task: .classification, train: train, test: test, source: directory, classCount: 10)
    }

    static func examples(directory: String, prefix: String) throws -> Examples {
        let imagesPath = try locate(directory: directory, base: "\(prefix)-images-idx3-ubyte")
        let labelsPath = try locate(directory: directory, base: "\(prefix)-labels-idx1-ubyte")
        let images = try read(imagesPath)
        let labels = try read(labelsPath)
        let (imageCount, rows, columns) = try parseImagesHeader(images, path: imagesPath)
        let labelCount = try parseLabelsHeader(labels, path: labelsPath)
        guard imageCount == labelCount else {
            throw DatasetError(.malformed, path: labelsPath, problem: "\(labelCount) labels for \(imageCount) images in \(imagesPath)")
        }
        let pixels = rows * columns
        guard images.count == 16 + imageCount * pixels else {
            throw DatasetError(.truncated, path: imagesPath, problem: "truncated: header promises \(imageCount) images of \(rows)×\(columns), file has \(images.count - 16) pixel bytes")
        }
        guard labels.count == 8 + labelCount else {
            throw DatasetError(.truncated, path: labelsPath, problem: "truncated: header promises \(labelCount) labels, file has \(labels.count - 8)")
        }
        var targets = [Float]()
        targets.reserveCapacity(labelCount)
        for i in 0..<labelCount {
            let label = labels[8 + i]
            guard label < 10 else { throw DatasetError(.malformed, path: labelsPath, problem: "label \(label) at index \(i) is not a class 0…9") }
            targets.append(Float(label))
        }
        let inputs = images[16...].map { Float($0) / 255 }
        return Examples(inputs: inputs, targets: targets, inputDimensions: pixels, targetWidth: 1)
    }

    static func locate(directory: String, base: String) throws -> String {
        for candidate in ["\(directory)/\(base).gz", "\(directory)/\(base)"] where access(candidate, R_OK) == 0 {
            return candidate
        }
        throw DatasetError(.notFound, path: "\(directory)/\(base)[.gz]", problem: "no such readable file (IDX data directory expected)")
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let file = gzopen(path, "rb") else { throw DatasetError(.unreadable, path: path, problem: "cannot open") }
        defer { gzclose(file) }
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if count < 0 { throw DatasetError(.malformed, path: path, problem: "corrupt gzip stream") }
            if count == 0 { break }
            bytes += buffer[0..<Int(count)]
        }
        return bytes
    }

    static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { ($0 << 8) | UInt32($1) }
    }

    static func parseImagesHeader(_ bytes: [UInt8], path: String) throws -> (count: Int, rows: Int, columns: Int) {
        guard bytes.count >= 16 else { throw DatasetError(.truncated, path: path, problem: "truncated: shorter than an IDX image header") }
        let magic = bigEndianWord(bytes, at: 0)
        guard magic == imagesMagic else {
            throw DatasetError(.malformed, path: path, problem: "wrong magic number 0x\(String(magic, radix: 16)), expected 0x803 for IDX images")
        }
        return (Int(bigEndianWord(bytes, at: 4)), Int(bigEndianWord(bytes, at: 8)), Int(bigEndianWord(bytes, at: 12)))
    }

    static func parseLabelsHeader(_ bytes: [UInt8], path: String) throws -> Int {
        guard bytes.count >= 8 else { throw DatasetError(.truncated, path: path, problem: "truncated: shorter than an IDX label header") }
        let magic = bigEndianWord(bytes, at: 0)
        guard magic == labelsMagic else {
            throw DatasetError(.malformed, path: path, problem: "wrong magic number 0x\(String(magic, radix: 16)), expected 0x801 for IDX labels")
        }
        return Int(bigEndianWord(bytes, at: 4))
    }
}
