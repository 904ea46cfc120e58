import Dispatch
import NeuralNetworks
import RealModule
import Platform
import RandomNumbers
import Testing
import Vocabulary

/// A small training problem: a network, its examples and an optimizer.
private struct Problem {
    var network: MultilayerPerceptron
    var loss: Loss
    var optimizer: Optimizer
    var inputs: [Float], targets: [Float]
    var count: Int
    var batch: Int

    init(sizes: [Int], activation: Activation = .relu, loss: Loss, kind: OptimizerKind, count: Int = 50, batch: Int = 16) {
        network = MultilayerPerceptron(layerSizes: sizes, hiddenActivation: activation)
        network.initialize(seed: 11)
        // Non-zero biases, so that their gradients and updates are exercised from the start.
        for layer in 0..<network.layerCount {
            network.setBias(layer, (0..<sizes[layer + 1]).map { Float($0 % 5) * 0.02 - 0.04 })
        }
        self.loss = loss
        optimizer = Optimizer(kind: kind, learningRate: 1e-2, weightDecay: 0.05, parameterCount: network.parameters.count)
        var generator = SeededGenerator(seed: 5)
        inputs = (0..<(count * sizes[0])).map { _ in Float(generator.nextNormal()) }
        let outputs = sizes.last!
        targets = loss == .meanSquaredError
            ? (0..<(count * outputs)).map { _ in Float(generator.nextNormal()) }
            : (0..<count).map { Float($0 % outputs) }
        self.count = count
        self.batch = batch
    }

    /// The batches of `steps` steps: consecutive runs of a fixed shuffle, the last one of
    /// each pass partial.
    func batches(_ steps: Int) -> [[Int]] {
        var generator = SeededGenerator(seed: 3)
        let order = generator.permutation(of: count)
        let perEpoch = (count + batch - 1) / batch
        return (0..<steps).map { step in
            let begin = (step % perEpoch) * batch
            return Array(order[begin..<min(begin + batch, count)])
        }
    }
}

/// Trains `steps` steps with a `PerceptronStep` on `threads` threads; returns the losses
/// and the final parameters and moments.
private func trainWithStep(_ problem: Problem, steps: Int, threads: Int) -> (losses: [Double], parameters: [Float], optimizer: Optimizer) {
    let step = PerceptronStep(network: problem.network, loss: problem.loss, optimizer: problem.optimizer,
                              inputs: problem.inputs, targets: problem.targets, batchCapacity: problem.batch)
    let barrier = SpinBarrier(count: threads)
    var losses = [Double]()
    let batches = problem.batches(steps)
    let helper = DispatchGroup()
    if threads == 2 {
        // A queue of its own gets a thread of its own: the test runner's pool may be busy.
        DispatchQueue(label: "PerceptronStepTests.thread1").async(group: helper) {
            for _ in 0..<steps {
                barrier.wait()
                _ = step.run(thread: 1, threads: 2, barrier: barrier)
            }
        }
    }
    for (index, batch) in batches.enumerated() {
        step.prepare(indices: batch[...], update: index + 1)
        barrier.wait()
        losses.append(step.run(thread: 0, threads: threads, barrier: barrier))
    }
    helper.wait()  // thread 1 has finished its last step
    return (losses, step.parameters, step.optimizerState(problem.optimizer, updateCount: steps))
}

/// The same steps through `TrainingWorkspace` and `Optimizer.update`, one batch at a time.
private func trainWithWorkspace(_ problem: Problem, steps: Int) -> (losses: [Double], parameters: [Float], optimizer: Optimizer) {
    var network = problem.network, optimizer = problem.optimizer
    var workspace = TrainingWorkspace(network: network, batchCapacity: problem.batch)
    let d = network.inputDimensions, t = problem.loss.targetWidth(outputDimensions: network.outputDimensions)
    var losses = [Double]()
    for batch in problem.batches(steps) {
        let x = batch.flatMap { problem.inputs[($0 * d)..<(($0 + 1) * d)] }
        let y = batch.flatMap { problem.targets[($0 * t)..<(($0 + 1) * t)] }
        let value = x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                workspace.lossAndGradient(network, inputs: x.baseAddress!, targets: y.baseAddress!,
                                          batchSize: batch.count, loss: problem.loss)
            }
        }
        losses.append(value)
        optimizer.update(parameters: &network.parameters, gradients: workspace.gradients, weightMask: network.weightMask)
    }
    return (losses, network.parameters, optimizer)
}

/// Serialized: each two-thread case spins two threads of its own.
@Suite(.serialized) struct PerceptronStepTests {
    /// Layer widths that put the cut on a 64-byte boundary (≥ 64 units) and in the middle
    /// (smaller layers), batches that split evenly and not.
    static let cases: [(sizes: [Int], activation: Activation, loss: Loss, kind: OptimizerKind)] = [
        ([7, 70, 33, 5], .relu, .softmaxCrossEntropy, .adamw),
        ([6, 12, 10, 4], .relu, .meanSquaredError, .adam),
        ([5, 9, 3], .tanh, .meanSquaredError, .sgd),
        ([4, 3], .identity, .meanSquaredError, .adam),
    ]

    @Test(arguments: cases)
    func agreesWithTheWorkspaceAndOptimizerWithinRounding(
        _ sizes: [Int], _ activation: Activation, _ loss: Loss, _ kind: OptimizerKind
    ) {
        let problem = Problem(sizes: sizes, activation: activation, loss: loss, kind: kind)
        let steps = 8  // 50 examples in batches of 16: two passes, each ending in a batch of 2
        let ours = trainWithStep(problem, steps: steps, threads: 1)
        let reference = trainWithWorkspace(problem, steps: steps)
        for (a, b) in zip(ours.losses, reference.losses) {
            #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-5), "loss \(a) vs \(b)")
        }
        let scale = reference.parameters.map(abs).max()!
        for (i, (a, b)) in zip(ours.parameters, reference.parameters).enumerated() {
            #expect(abs(a - b) <= 1e-5 * scale, "parameter \(i): \(a) vs \(b)")
        }
        #expect(zip(ours.optimizer.firstMoment, reference.optimizer.firstMoment).allSatisfy { abs($0 - $1) <= 1e-5 })
        #expect(ours.optimizer.updateCount == reference.optimizer.updateCount)
    }

    @Test(arguments: cases)
    func twoThreadsGiveTheOneThreadBits(_ sizes: [Int], _ activation: Activation, _ loss: Loss, _ kind: OptimizerKind) {
        let problem = Problem(sizes: sizes, activation: activation, loss: loss, kind: kind)
        let one = trainWithStep(problem, steps: 20, threads: 1)
        let two = trainWithStep(problem, steps: 20, threads: 2)
        let again = trainWithStep(problem, steps: 20, threads: 2)
        #expect(one.losses == two.losses)
        #expect(one.parameters == two.parameters)
        #expect(one.optimizer == two.optimizer)
        #expect(two.parameters == again.parameters && two.losses == again.losses)
    }
}
