import LinearAlgebra
import Platform
import Vocabulary

/// One whole training step of an MLP — gather the batch, forward, loss, backward and the
/// optimizer's update — cut into two parts that one thread runs in turn or two threads
/// run at once, with bit-identical results either way.
///
/// Every layer's output units (the rows of W_l, the columns of z_l and δ_l) are cut in two
/// at a fixed column (`StepPartition`), and so is the batch for the gather and the last
/// layer. Part p computes
/// - forward: z_l[:, C_p] = a_{l−1}·W_l[C_p, :]ᵀ + b_l[C_p], a_l = σ(z_l) (last layer: rows B_p
///   of the batch, and the loss of those rows);
/// - backward: δ_{l−1}[:, C'_p] = (δ_l·W_l[:, C'_p]) ⊙ σ'(z_{l−1}[:, C'_p]) with C'_p its
///   columns of layer l−1, dW_l[C_p, :] = δ_l[:, C_p]ᵀ·a_{l−1}, db_l[C_p] = Σ_batch δ_l[:, C_p];
/// - the update of its rows of W_l and b_l.
/// Each entry is computed by one GEMM call (or one sweep) with arguments that depend only on
/// the layer sizes, never on the thread count, and every sum over the batch runs in row
/// order; the loss is the sum over B_0 plus the sum over B_1. So a run's bits depend on its
/// seed, not on how many threads trained it, and a run may switch between one and two
/// threads at any step (while the second core writes a checkpoint, say).
///
/// The threads meet at a barrier to start the step (outside `run`), after the gather, after
/// each hidden layer's forward pass, after the last layer and its loss, and after each
/// layer's backward pass but the first layer's: 2L + 1 meetings for L layers.
/// Reads of another part's results always come after a meeting; no part writes what
/// another part reads before the next meeting.
///
/// The state (parameters, optimizer moments, gradients, activations) lives in memory the
/// step allocates once; `load` and `parameters`/`optimizerState` copy it in and out.
public final class PerceptronStep: @unchecked Sendable {
    /// The number of parts every step is cut into: the most threads that help.
    public static let partCount = 2

    public let layerSizes: [Int]
    public let activations: [Activation]
    public let loss: Loss
    public let batchCapacity: Int
    let partition: StepPartition
    /// The training examples batches are gathered from: `count × n_0` inputs and
    /// `count × targetWidth` targets, row-major.
    let inputs: [Float], targets: [Float]
    let targetWidth: Int
    let optimizer: Optimizer
    private let storage: StepStorage
    /// What `prepare` set: the step `prepared` uses `plans[prepared % 2]`. Thread 1 may
    /// still be finishing the previous step, with the other plan, while thread 0 prepares.
    private var plans: [StepPlan]
    private var prepared = 0
    /// Each part's loss summed over its rows (not yet divided by the normalizer).
    private let partialLosses: UnsafeMutablePointer<Double>

    /// Whether `network` can be trained this way: its last layer must be linear (its outputs
    /// are the loss's inputs).
    public static func supports(_ network: MultilayerPerceptron) -> Bool {
        network.activations.last == .identity
    }

    /// A step for `network`'s shape trained on the examples in `inputs` (`count × n_0`) and
    /// `targets` (`count × loss.targetWidth`), gathered into batches by index, with
    /// `optimizer`'s rule; the state starts as `network`'s parameters and `optimizer`'s moments.
    public init(network: MultilayerPerceptron, loss: Loss, optimizer: Optimizer,
                inputs: [Float], targets: [Float], batchCapacity: Int) {
        precondition(PerceptronStep.supports(network), "the last layer must be linear")
        let targetWidth = loss.targetWidth(outputDimensions: network.outputDimensions)
        precondition(inputs.count / network.inputDimensions == targets.count / targetWidth)
        layerSizes = network.layerSizes
        activations = network.activations
        self.loss = loss
        self.batchCapacity = batchCapacity
        self.inputs = inputs
        self.targets = targets
        self.targetWidth = targetWidth
        self.optimizer = optimizer
        partition = StepPartition(layerSizes: network.layerSizes)
        storage = StepStorage(network: network, partition: partition, batchCapacity: batchCapacity,
                              targetWidth: targetWidth, secondMoment: optimizer.kind != .sgd)
        let rule = optimizer.rule(forUpdate: optimizer.updateCount + 1), indices = storage.batchIndices
        plans = (0..<2).map { StepPlan(batchSize: 0, rule: rule, indices: indices + $0 * batchCapacity) }
        partialLosses = .allocate(capacity: PerceptronStep.partCount)
        partialLosses.initialize(repeating: 0, count: PerceptronStep.partCount)
        load(parameters: network.parameters, optimizer: optimizer)
    }

    deinit {
        partialLosses.deallocate()
    }

    /// Replaces the state: parameters, moments (the update count comes with each `prepare`).
    public func load(parameters: [Float], optimizer: Optimizer) {
        precondition(parameters.count == storage.parameterCount)
        storage.parameters.update(from: parameters, count: parameters.count)
        storage.firstMoment.update(from: optimizer.firstMoment, count: parameters.count)
        if let second = storage.secondMoment { second.update(from: optimizer.secondMoment, count: parameters.count) }
    }

    /// The current parameters, in `MultilayerPerceptron.parameters`' order.
    public var parameters: [Float] { Array(UnsafeBufferPointer(start: storage.parameters, count: storage.parameterCount)) }

    /// `optimizer` with the current moments and `updateCount` updates taken.
    public func optimizerState(_ optimizer: Optimizer, updateCount: Int) -> Optimizer {
        var state = optimizer
        let p = storage.parameterCount
        state.firstMoment = Array(UnsafeBufferPointer(start: storage.firstMoment, count: p))
        if let second = storage.secondMoment { state.secondMoment = Array(UnsafeBufferPointer(start: second, count: p)) }
        state.updateCount = updateCount
        return state
    }

    /// Sets the batch (the examples at `indices`, in order) and the update's number (1 for
    /// the first) of the next `run`. Call it before the threads meet to start the step.
    public func prepare(indices: ArraySlice<Int>, update: Int) {
        precondition(indices.count > 0 && indices.count <= batchCapacity)
        let slot = (prepared + 1) % 2
        plans[slot].batchSize = indices.count
        indices.withUnsafeBufferPointer { plans[slot].indices.update(from: $0.baseAddress!, count: $0.count) }
        plans[slot].rule = optimizer.rule(forUpdate: update)
        prepared += 1
    }

    /// Runs `thread`'s share of the prepared step: with `threads` = 1 both parts in turn,
    /// with 2 part `thread`. Both threads of a team call it after meeting at `barrier` (which
    /// it uses between phases); thread 0 returns the batch's loss, thread 1 returns 0.
    public func run(thread: Int, threads: Int, barrier: SpinBarrier) -> Double {
        precondition(threads == 1 || (threads == PerceptronStep.partCount && barrier.count == threads))
        let parts = threads == 1 ? 0..<PerceptronStep.partCount : thread..<(thread + 1)
        // Read before the first meeting: thread 0 cannot prepare the next step before it.
        let plan = plans[prepared % 2]
        func sync() { if threads > 1 { barrier.wait() } }
        let last = layerSizes.count - 2
        for part in parts { gather(part, plan) }
        sync()
        for layer in 0..<last {
            for part in parts { forward(layer, part, plan) }
            sync()
        }
        for part in parts { forwardLastLayerAndLoss(part, plan) }
        sync()
        for layer in stride(from: last, through: 0, by: -1) {
            for part in parts {
                if layer > 0 { backpropagate(into: layer - 1, part, plan) }
                weightGradient(layer, part, plan)
                if layer == last { biasGradient(layer, part, plan) }
                if layer < last { update(layer + 1, part, plan) }
            }
            if layer > 0 { sync() }
        }
        for part in parts { update(0, part, plan) }
        guard thread == 0 else { return 0 }
        var total = 0.0
        for part in 0..<PerceptronStep.partCount { total += partialLosses[part] }
        return total / loss.normalizer(batchSize: plan.batchSize, outputDimensions: layerSizes.last!)
    }

    // MARK: Phases

    /// Rows B_p of the input and target batch.
    private func gather(_ part: Int, _ plan: StepPlan) {
        let rows = partition.batchRows(part, batchSize: plan.batchSize)
        let d = layerSizes[0], t = targetWidth
        self.inputs.withUnsafeBufferPointer { inputs in
            self.targets.withUnsafeBufferPointer { targets in
                for row in rows {
                    let index = plan.indices[row]
                    BatchKernels.copy(d, from: inputs.baseAddress! + index * d, to: storage.inputs + row * d)
                    BatchKernels.copy(t, from: targets.baseAddress! + index * t, to: storage.targets + row * t)
                }
            }
        }
    }

    /// a_l[:, C_p] = σ(a_{l−1}·W_l[C_p, :]ᵀ + b_l[C_p]).
    private func forward(_ layer: Int, _ part: Int, _ plan: StepPlan) {
        let batchSize = plan.batchSize
        let columns = partition.columns(layer, part)
        guard !columns.isEmpty else { return }
        let n = layerSizes[layer], out = storage.outputs[layer], stride = partition.stride(layer)
        let (input, inputStride) = storage.input(of: layer, partition)
        let block = out + columns.lowerBound
        BatchKernels.broadcastRows(storage.bias(layer) + columns.lowerBound, rows: batchSize, columns: columns.count,
                                   into: block, stride: stride)
        BLAS.gemm(.none, .transposed, m: batchSize, n: columns.count, k: n,
                  a: input, lda: inputStride, b: storage.weight(layer) + columns.lowerBound * n, ldb: n,
                  beta: 1, c: block, ldc: stride)
        BatchKernels.activate(activations[layer], rows: batchSize, columns: columns.count, block, stride: stride)
    }

    /// The last (linear) layer's outputs y[B_p, :] = a·Wᵀ + b on rows B_p, their loss summed
    /// and dLoss/dy on those rows.
    private func forwardLastLayerAndLoss(_ part: Int, _ plan: StepPlan) {
        let layer = layerSizes.count - 2, batchSize = plan.batchSize
        let rows = partition.batchRows(part, batchSize: batchSize)
        let n = layerSizes[layer], width = layerSizes[layer + 1]
        let (input, inputStride) = storage.input(of: layer, partition)
        let outputs = storage.outputs[layer] + rows.lowerBound * width
        partialLosses[part] = 0
        guard !rows.isEmpty else { return }
        BatchKernels.broadcastRows(storage.bias(layer), rows: rows.count, columns: width, into: outputs, stride: width)
        BLAS.gemm(.none, .transposed, m: rows.count, n: width, k: n,
                  a: input + rows.lowerBound * inputStride, lda: inputStride, b: storage.weight(layer), ldb: n,
                  beta: 1, c: outputs, ldc: width)
        partialLosses[part] = loss.sum(outputs: storage.outputs[layer], targets: storage.targets, rows: rows,
                                       batchSize: batchSize, outputDimensions: width, gradient: storage.deltas[layer])
    }

    /// δ_{l}[:, C_p] = (δ_{l+1}·W_{l+1}[:, C_p]) ⊙ σ'_l and its column sums db_l[C_p].
    private func backpropagate(into layer: Int, _ part: Int, _ plan: StepPlan) {
        let batchSize = plan.batchSize
        let columns = partition.columns(layer, part)
        guard !columns.isEmpty else { return }
        let above = layer + 1, width = layerSizes[above + 1], n = layerSizes[above]
        let stride = partition.stride(layer)
        let block = storage.deltas[layer] + columns.lowerBound
        // Zeroed here and accumulated into (β = 1): OpenBLAS's own zeroing pass for β = 0
        // costs more on blocks this small.
        BatchKernels.zero(rows: batchSize, columns: columns.count, block, stride: stride)
        BLAS.gemm(.none, .none, m: batchSize, n: columns.count, k: width,
                  a: storage.deltas[above], lda: partition.stride(above),
                  b: storage.weight(above) + columns.lowerBound, ldb: n, beta: 1, c: block, ldc: stride)
        BatchKernels.scaleByDerivative(activations[layer], rows: batchSize, columns: columns.count,
                                       fromActivations: storage.outputs[layer] + columns.lowerBound, stride: stride,
                                       block, stride: stride)
        biasGradient(layer, part, plan)
    }

    /// db_l[C_p] = Σ_batch δ_l[:, C_p].
    private func biasGradient(_ layer: Int, _ part: Int, _ plan: StepPlan) {
        let columns = partition.columns(layer, part)
        guard !columns.isEmpty else { return }
        BatchKernels.columnSums(rows: plan.batchSize, columns: columns.count, storage.deltas[layer] + columns.lowerBound,
                                stride: partition.stride(layer), into: storage.biasGradient(layer) + columns.lowerBound)
    }

    /// dW_l[C_p, :] = δ_l[:, C_p]ᵀ·a_{l−1}, accumulated into the gradient that the last
    /// update left at zero.
    private func weightGradient(_ layer: Int, _ part: Int, _ plan: StepPlan) {
        let columns = partition.columns(layer, part)
        guard !columns.isEmpty else { return }
        let n = layerSizes[layer]
        let (input, inputStride) = storage.input(of: layer, partition)
        BLAS.gemm(.transposed, .none, m: columns.count, n: n, k: plan.batchSize,
                  a: storage.deltas[layer] + columns.lowerBound, lda: partition.stride(layer),
                  b: input, ldb: inputStride, beta: 1, c: storage.weightGradient(layer) + columns.lowerBound * n, ldc: n)
    }

    /// The optimizer's update of rows C_p of W_l (with weight decay) and of b_l[C_p] (without),
    /// clearing their gradients.
    private func update(_ layer: Int, _ part: Int, _ plan: StepPlan) {
        let columns = partition.columns(layer, part)
        guard !columns.isEmpty else { return }
        let n = layerSizes[layer]
        let weights = storage.weightOffsets[layer] + columns.lowerBound * n
        let biases = storage.biasOffsets[layer] + columns.lowerBound
        storage.update(plan.rule, at: weights, count: columns.count * n, decays: true)
        storage.update(plan.rule, at: biases, count: columns.count, decays: false)
    }
}

/// One step's batch and update rule.
struct StepPlan {
    var batchSize: Int
    var rule: UpdateRule
    /// The batch's example indices, `batchSize` of them.
    let indices: UnsafeMutablePointer<Int>
}

/// Where each part's share of a step lies. Layer l's outputs are cut at one column: near
/// the middle, and on a 64-byte boundary for layers of 64 units or more, so that the two
/// parts never write to the same cache line of a row (their stored rows are padded to a
/// multiple of 16 floats). The batch is cut in the middle.
struct StepPartition: Sendable {
    let layerSizes: [Int]
    /// Layer l's cut: part 0 owns output units 0..<cut, part 1 the rest.
    let cuts: [Int]
    /// The stored row length of layer l's activations and deltas.
    let strides: [Int]

    init(layerSizes: [Int]) {
        self.layerSizes = layerSizes
        let widths = Array(layerSizes.dropFirst())
        cuts = widths.map { $0 >= 64 ? (($0 / 2 + 8) / 16) * 16 : $0 / 2 }
        // The last layer's rows stay unpadded: the loss reads them as one `batch × n_L` matrix.
        strides = widths.indices.map { $0 == widths.count - 1 ? widths[$0] : (widths[$0] + 15) / 16 * 16 }
    }

    func columns(_ layer: Int, _ part: Int) -> Range<Int> {
        part == 0 ? 0..<cuts[layer] : cuts[layer]..<layerSizes[layer + 1]
    }

    func stride(_ layer: Int) -> Int { strides[layer] }

    func batchRows(_ part: Int, batchSize: Int) -> Range<Int> {
        part == 0 ? 0..<(batchSize / 2) : (batchSize / 2)..<batchSize
    }
}

/// The memory a `PerceptronStep` works in, allocated once, 64-byte aligned and zeroed.
final class StepStorage {
    let parameterCount: Int
    let parameters: UnsafeMutablePointer<Float>
    let gradients: UnsafeMutablePointer<Float>
    let firstMoment: UnsafeMutablePointer<Float>
    let secondMoment: UnsafeMutablePointer<Float>?
    let inputs: UnsafeMutablePointer<Float>
    let targets: UnsafeMutablePointer<Float>
    /// Two plans' batch indices, `batchCapacity` each.
    let batchIndices: UnsafeMutablePointer<Int>
    /// a_l (z for the last layer), `batchCapacity × stride(l)`.
    let outputs: [UnsafeMutablePointer<Float>]
    /// δ_l = dLoss/dz_l, same shapes.
    let deltas: [UnsafeMutablePointer<Float>]
    let weightOffsets: [Int]
    let biasOffsets: [Int]
    let inputDimensions: Int
    private var blocks: [UnsafeMutableRawPointer] = []

    init(network: MultilayerPerceptron, partition: StepPartition, batchCapacity: Int, targetWidth: Int, secondMoment: Bool) {
        var blocks = [UnsafeMutableRawPointer]()
        func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
            raw.initializeMemory(as: Float.self, repeating: 0, count: max(count, 1))
            blocks.append(raw)
            return raw.assumingMemoryBound(to: Float.self)
        }
        parameterCount = network.parameters.count
        parameters = floats(parameterCount)
        gradients = floats(parameterCount)
        firstMoment = floats(parameterCount)
        self.secondMoment = secondMoment ? floats(parameterCount) : nil
        inputDimensions = network.inputDimensions
        inputs = floats(batchCapacity * network.inputDimensions)
        targets = floats(batchCapacity * targetWidth)
        let indices = UnsafeMutableRawPointer.allocate(byteCount: 2 * batchCapacity * MemoryLayout<Int>.stride, alignment: 64)
        batchIndices = indices.initializeMemory(as: Int.self, repeating: 0, count: 2 * batchCapacity)
        blocks.append(indices)
        outputs = (0..<network.layerCount).map { floats(batchCapacity * partition.stride($0)) }
        deltas = (0..<network.layerCount).map { floats(batchCapacity * partition.stride($0)) }
        weightOffsets = (0..<network.layerCount).map { network.weightRange($0).lowerBound }
        biasOffsets = (0..<network.layerCount).map { network.biasRange($0).lowerBound }
        self.blocks = blocks
    }

    deinit {
        for block in blocks { block.deallocate() }
    }

    func weight(_ layer: Int) -> UnsafeMutablePointer<Float> { parameters + weightOffsets[layer] }
    func bias(_ layer: Int) -> UnsafeMutablePointer<Float> { parameters + biasOffsets[layer] }
    func weightGradient(_ layer: Int) -> UnsafeMutablePointer<Float> { gradients + weightOffsets[layer] }
    func biasGradient(_ layer: Int) -> UnsafeMutablePointer<Float> { gradients + biasOffsets[layer] }

    /// a_{l−1} (the input batch for layer 0) and its stored row length.
    func input(of layer: Int, _ partition: StepPartition) -> (UnsafeMutablePointer<Float>, Int) {
        layer == 0 ? (inputs, inputDimensions) : (outputs[layer - 1], partition.stride(layer - 1))
    }

    func update(_ rule: UpdateRule, at offset: Int, count: Int, decays: Bool) {
        rule.apply(count: count, parameters: parameters + offset, gradients: gradients + offset,
                   firstMoment: firstMoment + offset, secondMoment: secondMoment.map { $0 + offset },
                   decays: decays, clearsGradients: true)
    }
}
