import Datasets
import Foundation
import LinearAlgebra
import RunFormat
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

    @Test("Fashion-MNIST from Debian's package: 60 000 + 10 000 images of 784 pixels in [0, 1], labels 0…9")
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
        #expect(error?.description.contains("/nonexistent-mnist") == true)
    }
}
