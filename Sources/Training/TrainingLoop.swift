import Datasets
import LinearAlgebra
import NeuralNetworks
import Platform
import RandomNumbers
import RunFormat

/// How far a run has come, for whoever trains it to show (lr-train draws a bar).
public struct TrainingProgress: Sendable {
    public enum Phase: Sendable {
        /// Before the first step (the first report).
        case started
        /// Training goes on; reports come at most every `TrainingLoop.progressInterval`.
        case training
        /// The last step is taken (the last report).
        case finished
        /// Training stopped early with an error, which follows (the last report).
        case stopped
    }

    public var phase: Phase
    /// Steps taken in this session (a resumed run counts from its last checkpoint).
    public var stepsDone: Int
    /// The steps this session takes.
    public var totalSteps: Int
    /// The last step's training loss; NaN before the first step.
    public var loss: Double
}

/// One session of training, from `startStep` to the configured last step: the mini-batch
/// order, the choice between training alone and as a team of two threads, the stop on a
/// non-finite loss, progress, and the checkpoints of the schedule, which the pipeline's
/// thread evaluates and writes while the loop goes on.
final class TrainingLoop {
    static let progressInterval = 0.05

    private let configuration: TrainingConfiguration
    private let runner: any StepRunner
    private let examples: Examples
    private let writer: RunWriter
    private let schedule: [Int]
    private let batchesPerEpoch: Int
    private let startStep: Int
    private let startWallTime: Double
    private let startTime = MonotonicClock.seconds()
    private let progress: ((TrainingProgress) -> Void)?
    /// What a checkpoint evaluates on, and the probe inputs whose pre-activations it stores.
    private let evaluated: Dataset
    private let probeInputs: [Float]

    private let pipeline = CheckpointPipeline()
    /// The step the pipeline's thread can share, when the run may use two threads.
    private let teamStep: PerceptronStep?
    /// The pipeline's thread trains as thread 1 of a team whenever it has no checkpoint to
    /// write, and the team is faster than the loop alone.
    private var team: TrainingTeam?
    private var choice = TeamChoice()
    private var epochOrder = [Int](), orderEpoch = -1
    private var stepSeconds = 0.0, lastLoss = Double.nan, nextProgress = -Double.infinity

    init(configuration: TrainingConfiguration, model: any TrainableModel, optimizer: Optimizer, dataset: Dataset,
         evaluated: Dataset, probeInputs: [Float], writer: RunWriter, startStep: Int, startWallTime: Double,
         progress: ((TrainingProgress) -> Void)?) {
        let c = configuration
        self.configuration = c
        examples = dataset.train
        runner = model.makeStepRunner(optimizer: optimizer, examples: examples, batchCapacity: c.batchSize)
        teamStep = min(c.threads ?? CurrentProcess.coreCount, PerceptronStep.partCount) > 1 ? runner.partitionedStep : nil
        batchesPerEpoch = (examples.count + c.batchSize - 1) / c.batchSize
        schedule = c.checkpoints.steps(totalSteps: c.steps)
        self.evaluated = evaluated
        self.probeInputs = probeInputs
        self.writer = writer
        self.startStep = startStep
        self.startWallTime = startWallTime
        self.progress = progress
    }

    /// Trains to the last step. `initialMetrics`, when given, are the untrained model's,
    /// already evaluated for the header's metric names: the step-0 checkpoint stores them
    /// instead of evaluating again.
    func run(initialMetrics: [String: Double]? = nil) throws -> TrainingSummary {
        // Mini-batch GEMMs (batch 64) are too small to amortize OpenBLAS's thread
        // hand-offs; we split each step across the cores ourselves (`PerceptronStep`).
        BLASThreads.useOne()
        // However the loop ends, nothing is left training or writing when the caller closes the file.
        defer {
            leaveTeam()
            pipeline.drain()
        }
        let c = configuration
        report(.started, stepsDone: 0)
        if startStep == 0 { try checkpoint(at: 0, evaluatedMetrics: initialMetrics) }
        var nextCheckpoint = schedule.firstIndex { $0 > startStep } ?? schedule.count
        for step in startStep..<c.steps {
            try takeStep(step)
            if nextCheckpoint < schedule.count && schedule[nextCheckpoint] == step + 1 {
                try checkpoint(at: step + 1)
                nextCheckpoint += 1
            }
        }
        leaveTeam()
        report(.finished, stepsDone: c.steps - startStep)
        let lastMetrics = try pipeline.finish()
        return TrainingSummary(steps: c.steps - startStep, stepSeconds: stepSeconds,
                               wallSeconds: MonotonicClock.seconds() - startTime, checkpointCount: writer.checkpointCount,
                               finalMetrics: lastMetrics)
    }

    /// Training step `step` (counted from 0) on its mini-batch, alone or as a team; throws
    /// `TrainingStopped` when its loss is not finite.
    private func takeStep(_ step: Int) throws {
        let batch = batchIndices(step)
        // Only steps that the choice asked for, taken while no checkpoint work shares the
        // cores and not the one that wakes the team's thread, time the two ways: otherwise
        // the rate of a run would depend on how many checkpoints it writes.
        var timesChoice = teamStep != nil && pipeline.isIdle
        if !choice.usesTeam {
            leaveTeam()
        } else if team == nil, let teamStep, pipeline.isIdle {
            team = pipeline.startTeam(teamStep)
            timesChoice = false
        }
        let stepStart = MonotonicClock.seconds()
        let value = runner.step(indices: batch, step: step, team: team)
        guard value.isFinite else {
            leaveTeam()
            report(.stopped, stepsDone: step - startStep)
            _ = try pipeline.finish()
            throw TrainingStopped(file: writer.path, loss: value, step: step + 1, checkpointsKept: writer.checkpointCount)
        }
        let stepEnd = MonotonicClock.seconds()
        stepSeconds += stepEnd - stepStart
        if timesChoice && (team != nil) == choice.usesTeam && pipeline.isIdle { choice.record(seconds: stepEnd - stepStart) }
        lastLoss = value
        if stepEnd >= nextProgress {
            report(.training, stepsDone: step + 1 - startStep)
            nextProgress = stepEnd + Self.progressInterval
        }
    }

    /// The examples of step `step`'s mini-batch: its slice of the epoch's order, a
    /// permutation seeded by the seed and the epoch.
    private func batchIndices(_ step: Int) -> ArraySlice<Int> {
        let c = configuration
        let epoch = step / batchesPerEpoch, position = step % batchesPerEpoch
        if epoch != orderEpoch {
            var generator = SeededGenerator(seed: c.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(epoch + 1))
            epochOrder = generator.permutation(of: examples.count)
            orderEpoch = epoch
        }
        let begin = position * c.batchSize
        return epochOrder[begin..<(begin + min(c.batchSize, examples.count - begin))]
    }

    /// Hands the checkpoint at `step` to the pipeline: the model and optimizer as they are
    /// now, evaluated (unless `evaluatedMetrics` are given) and written on its thread while
    /// training goes on. A failure of an earlier checkpoint is thrown here.
    func checkpoint(at step: Int, evaluatedMetrics: [String: Double]? = nil) throws {
        if let error = pipeline.failure { throw error }
        leaveTeam()
        let (model, optimizer) = runner.snapshot()
        let snapshot = Snapshot(value: (model: model, dataset: evaluated, writer: writer, record: CheckpointRecord(
            step: step, epoch: Double(step) / Double(batchesPerEpoch),
            wallTime: startWallTime + MonotonicClock.seconds() - startTime, metrics: [:], weights: [], biases: [],
            optimizerState: OptimizerState(parameters: model.parameters, firstMoment: optimizer.firstMoment,
                                           secondMoment: optimizer.secondMoment, updateCount: optimizer.updateCount))))
        let storesActivations = configuration.storesActivations, probeCount = configuration.probeCount
        let probeInputs = probeInputs
        pipeline.submit {
            let (model, dataset, writer, partial) = snapshot.value
            var record = partial
            record.metrics = evaluatedMetrics ?? model.evaluate(dataset)
            let layers = model.storedLayers
            record.weights = layers.map(\.weight)
            record.biases = layers.map(\.bias)
            if storesActivations { record.activations = model.preActivations(probeInputs, count: probeCount) }
            try writer.append(record)
            return record.metrics
        }
    }

    /// Sends the team's thread back to the pipeline, if it is training.
    private func leaveTeam() {
        team?.leave()
        team = nil
    }

    private func report(_ phase: TrainingProgress.Phase, stepsDone: Int) {
        progress?(TrainingProgress(phase: phase, stepsDone: stepsDone, totalSteps: configuration.steps - startStep, loss: lastLoss))
    }
}
