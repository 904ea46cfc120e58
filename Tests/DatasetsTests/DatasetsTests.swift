import Datasets
import Foundation
import LinearAlgebra
import LocalRankTestSupport
import Testing

@Suite struct DatasetsTests {
    @Test("Gaussian data: an orthogonal basis, the stated spectrum, and samples with that covariance")
    func gaussianRegression() {
        let generator = GaussianRegression(inputDimensions: 3, targetDimensions: 2, decayLength: 2, seed: 9)
        let q = generator.basis
        let identity = Matrix.product(q, q, transposeA: .transposed)
        for i in 0..<5 { for j in 0..<5 { #expect(abs(identity[i, j] - (i == j ? 1 : 0)) < 1e-12) } }
        let covariance = generator.jointCovariance
        let examples = generator.sample(count: 40_000, streamSeed: 1)
        #expect(examples.inputDimensions == 3 && examples.targetWidth == 2 && examples.count == 40_000)
        // The empirical covariance of (x, y) within sampling error (entries are at most 1).
        for i in 0..<5 {
            for j in 0..<5 {
                var sum = 0.0
                for k in 0..<examples.count {
                    func value(_ d: Int) -> Double {
                        Double(d < 3 ? examples.inputs[k * 3 + d] : examples.targets[k * 2 + d - 3])
                    }
                    sum += value(i) * value(j)
                }
                #expect(abs(sum / Double(examples.count) - covariance[i, j]) < 0.03, "Σ[\(i), \(j)]")
            }
        }
        let dataset = generator.dataset(trainCount: 10, testCount: 4)
        #expect(dataset.task == .regression && dataset.train.count == 10 && dataset.test.count == 4)
        #expect(dataset.jointCovariance?.count == 25)
    }

    @Test("Fashion-MNIST from Debian's package: 60 000 + 10 000 images of 784 pixels in [0, 1], labels 0…9",
          .enabled(if: FashionMNIST.isInstalled, "Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist, which make test installs)"))
    func fashionMNIST() throws {
        let dataset = try IDXFiles.load(directory: IDXFiles.debianFashionMNISTDirectory, name: "fashion-mnist")
        #expect(dataset.task == .classification && dataset.classCount == 10)
        #expect(dataset.train.count == 60_000 && dataset.test.count == 10_000 && dataset.train.inputDimensions == 784)
        #expect(dataset.train.inputs.allSatisfy { (0...1).contains($0) })
        #expect(Set(dataset.test.targets) == Set((0..<10).map(Float.init)))
    }

    @Test("a missing IDX directory is one clear error naming it")
    func missingDirectory() {
        let error = #expect(throws: DatasetError.self) { try IDXFiles.load(directory: "/nonexistent-mnist", name: "mnist") }
        #expect(error?.kind == .notFound)
        #expect(error?.description == "/nonexistent-mnist/train-images-idx3-ubyte[.gz]: no such readable file (IDX data directory expected)")
    }

    /// Writes a two-image, 2×2-pixel IDX data set (train and test alike) into `directory`,
    /// with `images` and `labels` as the training files' bytes when given.
    func writeIDX(_ directory: TemporaryDirectory, images: [UInt8]? = nil, labels: [UInt8]? = nil) throws {
        let goodImages: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2] + [0, 64, 128, 255, 255, 0, 0, 0]
        let goodLabels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 2, 3, 9]
        for (name, bytes) in [("train-images-idx3-ubyte", images ?? goodImages), ("train-labels-idx1-ubyte", labels ?? goodLabels),
                              ("t10k-images-idx3-ubyte", goodImages), ("t10k-labels-idx1-ubyte", goodLabels)] {
            try Data(bytes).write(to: URL(fileURLWithPath: directory.path(name)))
        }
    }

    @Test("IDX files: pixels scaled to [0, 1], labels as classes; damage is told with its kind")
    func idxFilesAndTheirDamage() throws {
        let directory = try TemporaryDirectory(prefix: "idx")
        try writeIDX(directory)
        let dataset = try IDXFiles.load(directory: directory.url.path, name: "tiny")
        #expect(dataset.train.inputs == [0, 64 / 255, 128 / 255, 1, 1, 0, 0, 0] && dataset.train.targets == [3, 9])
        #expect(dataset.train.inputDimensions == 4 && dataset.classCount == 10)
        let images = directory.path("train-images-idx3-ubyte"), labels = directory.path("train-labels-idx1-ubyte")
        let damages: [([UInt8]?, [UInt8]?, DatasetError)] = [
            ([0, 0, 8, 1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2], nil,
             DatasetError(.malformed, path: images, problem: "wrong magic number 0x801, expected 0x803 for IDX images")),
            ([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3], nil,
             DatasetError(.truncated, path: images, problem: "truncated: header promises 2 images of 2×2, file has 3 pixel bytes")),
            ([0, 0, 8, 3], nil, DatasetError(.truncated, path: images, problem: "truncated: shorter than an IDX image header")),
            (nil, [0, 0, 8, 1, 0, 0, 0, 2, 3, 10], DatasetError(.malformed, path: labels, problem: "label 10 at index 1 is not a class 0…9")),
            (nil, [0, 0, 8, 1, 0, 0, 0, 3, 3, 9, 1],
             DatasetError(.malformed, path: labels, problem: "3 labels for 2 images in \(images)")),
        ]
        for (badImages, badLabels, expected) in damages {
            try writeIDX(directory, images: badImages, labels: badLabels)
            #expect(throws: expected) { try IDXFiles.load(directory: directory.url.path, name: "tiny") }
        }
    }
}
