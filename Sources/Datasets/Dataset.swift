import Vocabulary

/// Examples stored row-major: `inputs` is `count × inputDimensions`, `targets` is
/// `count × targetWidth` (a regression target vector, or one class index per row).
public struct Examples: Sendable, Equatable {
    public var inputs: [Float]
    public var targets: [Float]
    public let inputDimensions: Int
    public let targetWidth: Int

    public init(inputs: [Float], targets: [Float], inputDimensions: Int, targetWidth: Int) {
        precondition(inputs.count % inputDimensions == 0 && targets.count % targetWidth == 0)
        precondition(inputs.count / inputDimensions == targets.count / targetWidth, "inputs and targets disagree in count")
        self.inputs = inputs
        self.targets = targets
        self.inputDimensions = inputDimensions
        self.targetWidth = targetWidth
    }

    public var count: Int { inputs.count / inputDimensions }

    /// The examples at `indices`, in that order.
    public func selecting(_ indices: some Collection<Int>) -> Examples {
        var inputs = [Float](), targets = [Float]()
        inputs.reserveCapacity(indices.count * inputDimensions)
        targets.reserveCapacity(indices.count * targetWidth)
        for i in indices {
            inputs += self.inputs[(i * inputDimensions)..<((i + 1) * inputDimensions)]
            targets += self.targets[(i * targetWidth)..<((i + 1) * targetWidth)]
        }
        return Examples(inputs: inputs, targets: targets, inputDimensions: inputDimensions, targetWidth: targetWidth)
    }

    public func prefix(_ count: Int) -> Examples { selecting(0..<min(count, self.count)) }
}

/// A training set and a test set of one task.
public struct Dataset: Sendable {
    /// A short identifier, stored as `/data` `name`: "gaussian", "fashion-mnist", "mnist".
    public var name: String
    public var task: LearningTask
    public var train: Examples
    public var test: Examples
    /// Where the data came from, stored as `/data` `source`: a directory, or how it was generated.
    public var source: String
    /// The number of classes, for classification.
    public var classCount: Int?
    /// For synthetic Gaussian data, the joint covariance of (x, y), `(n_x + n_y)²` row-major.
    public var jointCovariance: [Double]?
    /// The mean and standard deviation `standardized()` took the inputs by.
    public var standardization: (mean: Double, standardDeviation: Double)?

    public init(name: String, task: LearningTask, train: Examples, test: Examples, source: String,
                classCount: Int? = nil, jointCovariance: [Double]? = nil) {
        self.name = name
        self.task = task
        self.train = train
        self.test = test
        self.source = source
        self.classCount = classCount
        self.jointCovariance = jointCovariance
    }
}

extension Dataset {
    /// The inputs of both splits mapped x ↦ (x − m) / s, with m and s the mean and standard
    /// deviation of every input value of the training set (one of each, as
    /// `transforms.Normalize` does for greyscale images): MNIST gives 0.1307 and 0.3081.
    public func standardized() -> Dataset {
        let values = train.inputs
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
        let deviation = variance.squareRoot()
        var result = self
        for split in [\Dataset.train, \Dataset.test] {
            result[keyPath: split].inputs = self[keyPath: split].inputs.map { Float((Double($0) - mean) / deviation) }
        }
        result.standardization = (mean, deviation)
        return result
    }
}

/// A data file that is missing or not what it claims to be: what kind of problem, the
/// file, and the problem.
public struct DatasetError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// No readable file where the data should be.
        case notFound
        /// The file is there but cannot be opened.
        case unreadable
        /// Shorter than its header says.
        case truncated
        /// Not IDX data, a corrupt gzip stream, or contents that contradict each other.
        case malformed
    }

    public var kind: Kind
    public var path: String
    public var problem: String

    public init(_ kind: Kind, path: String, problem: String) {
        self.kind = kind
        self.path = path
        self.problem = problem
    }
    public var description: String { "\(path): \(problem)" }
}
