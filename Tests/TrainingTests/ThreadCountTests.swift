import Foundation
import LocalRankTestSupport
import RunFormat
import Testing
@testable import Training

/// A run's bits depend on its seed, not on how many threads trained it: the MLP's step is
/// cut into the same two parts whether one thread runs both or two run one each, and the
/// loop switches between the two while checkpoints are written.
@Suite(.serialized) struct ThreadCountTests {
    static func configuration(steps: Int, threads: Int) -> TrainingConfiguration {
        var c = TrainingConfiguration(data: .gaussian(inputDimensions: 12, targetDimensions: 6, decayLength: 4),
                                      layerSizes: [12, 80, 40, 6])
        c.optimizer = .adamw
        c.weightDecay = 0.01
        c.gaussianTrainCount = 300  // 4 full batches of 64 and one of 44 per epoch
        c.gaussianTestCount = 64
        c.probeCount = 32
        c.steps = steps
        c.checkpoints = .every(40)
        c.threads = threads
        return c
    }

    /// Every stored checkpoint's weights, biases and training loss.
    static func contents(_ path: String) throws -> (steps: [Int], weights: [[Float]], losses: [Double]) {
        let reader = try RunReader(path: path)
        defer { try? reader.close() }
        let steps = try reader.steps()
        var weights = [[Float]]()
        for k in steps.indices {
            for layer in 0..<3 {
                weights.append(try reader.storedWeight(checkpoint: k, layer: layer))
                weights.append(try reader.storedBias(checkpoint: k, layer: layer))
            }
        }
        return (steps, weights, try reader.metric("train_loss", count: steps.count) ?? [])
    }

    @Test func oneAndTwoThreadsWriteTheSameCheckpoints() throws {
        let directory = try TemporaryDirectory(prefix: "threads")
        var runs = [(steps: [Int], weights: [[Float]], losses: [Double])]()
        for (name, threads) in [("one", 1), ("two", 2), ("two-again", 2)] {
            let path = directory.path("\(name).h5")
            _ = try Trainer(configuration: Self.configuration(steps: 200, threads: threads), producer: "ThreadCountTests")
                .train(outputPath: path, overwrite: true)
            runs.append(try Self.contents(path))
        }
        #expect(runs[0].steps == Array(stride(from: 0, through: 200, by: 40)))
        #expect(runs[0].losses.last! < runs[0].losses.first! / 2, "the run did not train")
        for run in runs.dropFirst() {
            #expect(run.steps == runs[0].steps)
            #expect(run.weights == runs[0].weights)
            #expect(run.losses == runs[0].losses)
        }
    }

    @Test func aRunResumedWithAnotherThreadCountEndsWithTheSameWeights() throws {
        let directory = try TemporaryDirectory(prefix: "threads-resume")
        let split = directory.path("split.h5"), whole = directory.path("whole.h5")
        _ = try Trainer(configuration: Self.configuration(steps: 120, threads: 1), producer: "ThreadCountTests")
            .train(outputPath: split, overwrite: true)
        _ = try Trainer.resume(path: split, producer: "ThreadCountTests", steps: 240, threads: 2)
        _ = try Trainer(configuration: Self.configuration(steps: 240, threads: 2), producer: "ThreadCountTests")
            .train(outputPath: whole, overwrite: true)
        let a = try Self.contents(split), b = try Self.contents(whole)
        #expect(a.steps == b.steps)
        #expect(a.weights == b.weights)
        #expect(a.losses == b.losses)
    }
}

/// The loop keeps the faster of training alone and with its team, checking the other now
/// and then, so that it stays fast when another program takes one of the two cores.
@Suite struct TeamChoiceTests {
    /// Simulated seconds spent with the team, of `total`, when a step takes `team` seconds
    /// with it and `alone` seconds without.
    static func shareWithTeam(team: Double, alone: Double, total: Double = 200) -> Double {
        var choice = TeamChoice(), elapsed = 0.0, withTeam = 0.0
        while elapsed < total {
            let seconds = choice.usesTeam ? team : alone
            if choice.usesTeam { withTeam += seconds }
            choice.record(seconds: seconds)
            elapsed += seconds
        }
        return withTeam / total
    }

    @Test func keepsTheTeamWhenItIsFaster() {
        #expect(Self.shareWithTeam(team: 1e-3, alone: 1.8e-3) > 0.97)
    }

    @Test func trainsAloneWhenTheTeamIsSlower() {
        #expect(Self.shareWithTeam(team: 4e-3, alone: 1e-3) < 0.03)
    }
}
