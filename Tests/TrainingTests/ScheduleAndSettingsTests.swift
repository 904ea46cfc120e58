import Foundation
import LocalRankTestSupport
import RunFormat
import Testing
@testable import Training

@Suite struct CheckpointScheduleTests {
    @Test func schedulesParseAndPrintAsWritten() {
        for text in ["every:250", "log:40", "none", "0,10,100"] {
            #expect(CheckpointSchedule(parsing: text)?.description == text)
        }
        #expect(CheckpointSchedule(parsing: "5, 10") == .steps([5, 10]))
        for bad in ["every:0", "log:-2", "log:x", "", "1,x", "-3", "every:"] {
            #expect(CheckpointSchedule(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func theFirstAndLastStepAreAlwaysWritten() {
        #expect(CheckpointSchedule.endpoints.steps(totalSteps: 500) == [0, 500])
        #expect(CheckpointSchedule.every(200).steps(totalSteps: 500) == [0, 200, 400, 500])
        #expect(CheckpointSchedule.steps([700, 30, 30, 0]).steps(totalSteps: 500) == [0, 30, 500], "steps past the end are dropped")
    }

    /// K steps evenly spaced on a log axis from 1 to the last: 10^(i/4) for 10^5 steps.
    @Test func logarithmicStepsAreEvenlySpacedOnALogAxis() {
        #expect(CheckpointSchedule.logarithmic(5).steps(totalSteps: 100_000) == [0, 1, 18, 316, 5623, 100_000])
        #expect(CheckpointSchedule.logarithmic(4).steps(totalSteps: 1000) == [0, 1, 10, 100, 1000])
        // Early steps that round to one another are written once: fewer than K.
        #expect(CheckpointSchedule.logarithmic(12).steps(totalSteps: 10) == [0, 1, 2, 3, 4, 5, 7, 8, 10])
        #expect(CheckpointSchedule.logarithmic(1).steps(totalSteps: 50) == [0, 50])
    }
}

@Suite struct StoredSettingsTests {
    @Test func aConfigurationSurvivesItsAttributes() throws {
        var configuration = Preset.dvibFashion.configuration
        configuration.trainSubset = 300
        configuration.evaluationExamples = nil
        configuration.checkpoints = .steps([0, 5, 50])
        #expect(try TrainingConfiguration(attributes: configuration.attributes) == configuration)
    }

    @Test func aMissingOrBadStoredSettingIsNamedWithItsKind() throws {
        var attributes = Preset.gaussianMLP3.configuration.attributes
        attributes["learning_rate"] = nil
        #expect(throws: ConfigurationError(.invalidStored, .learningRate, "missing from the run's /training group")) {
            try TrainingConfiguration(attributes: attributes)
        }
        attributes = Preset.gaussianMLP3.configuration.attributes
        attributes["optimizer"] = "adagrad"
        #expect(throws: ConfigurationError(.invalidStored, .optimizer, "\"adagrad\" in /training is not a valid value")) {
            try TrainingConfiguration(attributes: attributes)
        }
        // Settings added later take the value older runs were trained with.
        attributes = Preset.gaussianMLP3.configuration.attributes
        for key in ["probe_from", "standardize", "eval_examples"] { attributes[key] = nil }
        let older = try TrainingConfiguration(attributes: attributes)
        #expect(older.probeSource == .train && !older.standardizesInputs && older.evaluationExamples == nil)
    }

    @Test func dataThatDoesNotFitTheNetworkIsRefusedWithTheSetting() throws {
        var configuration = TrainingConfiguration(data: .gaussian(inputDimensions: 6, targetDimensions: 4, decayLength: 2), layerSizes: [5, 4])
        #expect(throws: ConfigurationError(.shapeMismatch, .layerSizes, "the first width is 5, but the data has 6 input dimensions")) {
            try Trainer(configuration: configuration, producer: "test").loadDataset()
        }
        configuration.layerSizes = [6, 3]
        #expect(throws: ConfigurationError(.shapeMismatch, .layerSizes, "the last width is 3, but the targets have 4 dimensions")) {
            try Trainer(configuration: configuration, producer: "test").loadDataset()
        }
        configuration.layerSizes = [6, 4]
        configuration.probeCount = 5000
        #expect(throws: ConfigurationError(.outOfRange, .probe, "5000 is outside 1…2048, the train examples")) {
            try Trainer(configuration: configuration, producer: "test").loadDataset()
        }
        configuration.data = .idx(directory: "")
        #expect(throws: ConfigurationError(.incomplete, .data, "this preset needs the IDX directory, idx:DIR")) {
            try Trainer(configuration: configuration, producer: "test").loadDataset()
        }
    }

    @Test func aStoppedRunSaysWhereWhenAndWhatIsKept() {
        #expect(TrainingStopped(file: "runs/a.h5", loss: .infinity, step: 120, checkpointsKept: 3).description
                == "runs/a.h5: the training loss became inf at step 120; stopped, keeping the 3 checkpoints written so far")
    }
}

/// A run that diverges stops with `TrainingStopped` and keeps what it wrote: the loop's
/// checkpoint method, its progress reports and its stop, on a real (tiny) run.
@Suite struct TrainingLoopTests {
    @Test func progressIsReportedFromStartToFinish() throws {
        let directory = try TemporaryDirectory(prefix: "training-loop")
        var configuration = TrainingConfiguration(data: .gaussian(inputDimensions: 4, targetDimensions: 2, decayLength: 2), layerSizes: [4, 8, 2])
        configuration.steps = 40
        configuration.checkpoints = .every(10)
        configuration.probeCount = 16
        configuration.threads = 1
        var phases = [TrainingProgress.Phase]()
        var done = [Int]()
        let summary = try Trainer(configuration: configuration, producer: "test")
            .train(outputPath: directory.path("run.h5"), overwrite: false) { progress in
                phases.append(progress.phase)
                done.append(progress.stepsDone)
                #expect(progress.totalSteps == 40)
            }
        #expect(phases.first == .started && phases.last == .finished && phases.dropFirst().dropLast().allSatisfy { $0 == .training })
        #expect(done.first == 0 && done.last == 40 && done == done.sorted())
        #expect(summary.steps == 40 && summary.checkpointCount == 5)
        #expect(try RunReader(path: directory.path("run.h5")).steps() == [0, 10, 20, 30, 40])
    }

    @Test func aDivergingRunStopsAndKeepsItsCheckpoints() throws {
        let directory = try TemporaryDirectory(prefix: "training-loop")
        var configuration = TrainingConfiguration(data: .gaussian(inputDimensions: 4, targetDimensions: 2, decayLength: 2), layerSizes: [4, 8, 2])
        configuration.optimizer = .sgd
        configuration.learningRate = 1e6
        configuration.steps = 200
        configuration.checkpoints = .every(1)
        configuration.probeCount = 16
        configuration.threads = 1
        var last: TrainingProgress.Phase?
        let path = directory.path("run.h5")
        let error = #expect(throws: TrainingStopped.self) {
            try Trainer(configuration: configuration, producer: "test").train(outputPath: path, overwrite: false) { last = $0.phase }
        }
        #expect(last == .stopped)
        let stopped = try #require(error)
        #expect(stopped.file == path && !stopped.loss.isFinite && stopped.step < 200)
        #expect(try RunReader(path: path).steps() == Array(0..<stopped.step), "every checkpoint before the stop is kept")
    }
}
