import Foundation
import Testing
@testable import TrainingCommands

@Suite struct SweepManifestTests {
    let plan = try! SweepPlan(axes: [GridAxis(name: "lr", values: ["1e-3", "1e-2"])], seeds: [0, 1])

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "sweep-manifest-\(getpid())-\(UInt32.random(in: 0...UInt32.max))/"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aNewManifestListsEveryRunAsPending() {
        let manifest = SweepManifest(producer: "lr-train 0.1.0", trainingArguments: ["--preset", "gaussian-mlp3"], plan: plan)
        #expect(manifest.runs.map(\.file) == ["lr-1e-3_seed-0.h5", "lr-1e-3_seed-1.h5", "lr-1e-2_seed-0.h5", "lr-1e-2_seed-1.h5"])
        #expect(manifest.runs.allSatisfy { $0.status == .pending && $0.error == nil })
        #expect(manifest.runs[2].settings == ["lr": "1e-2", "seed": "0"])
        #expect(manifest.failedCount == 0)
    }

    @Test func theSameSweepIsTheSameFlagsGridSeedsAndFiles() throws {
        let manifest = SweepManifest(producer: "lr-train 0.1.0", trainingArguments: ["--steps", "100"], plan: plan)
        var finished = manifest
        finished.runs[0].status = .finished
        finished.producer = "lr-mpi 0.1.0"
        #expect(manifest.describesSameSweep(as: finished), "statuses and the producer do not make another sweep")
        #expect(!manifest.describesSameSweep(as: SweepManifest(producer: "", trainingArguments: ["--steps", "200"], plan: plan)))
        let otherSeeds = try SweepPlan(axes: plan.axes, seeds: [0, 2])
        #expect(!manifest.describesSameSweep(as: SweepManifest(producer: "", trainingArguments: ["--steps", "100"], plan: otherSeeds)))
        let otherGrid = try SweepPlan(axes: [GridAxis(name: "lr", values: ["1e-3", "3e-3"])], seeds: [0, 1])
        #expect(!manifest.describesSameSweep(as: SweepManifest(producer: "", trainingArguments: ["--steps", "100"], plan: otherGrid)))
    }

    @Test func recordsAreWrittenAndReadBack() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try SweepManifest.read(directory: directory) == nil)
        var manifest = SweepManifest(producer: "lr-train 0.1.0", trainingArguments: ["--quiet"], plan: plan)
        manifest.record(SweepManifest.Entry(file: "lr-1e-2_seed-1.h5", settings: ["lr": "1e-2", "seed": "1"], status: .failed,
                                            error: "--lr: the loss diverged"), run: 3, directory: directory)
        #expect(manifest.failedCount == 1)
        let read = try #require(try SweepManifest.read(directory: directory))
        #expect(read == manifest)
        // The manifest's JSON is documented (what a script reads): snake-case keys, statuses as words.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "sweep.json"))) as? [String: Any])
        #expect(Set(json.keys) == ["producer", "training_arguments", "grid", "seeds", "runs"])
        let runs = try #require(json["runs"] as? [[String: Any]])
        #expect(runs[3]["status"] as? String == "failed" && runs[0]["status"] as? String == "pending")
    }

    @Test func aManifestThatDoesNotDecodeIsNamed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("{\"runs\": 3}".utf8).write(to: URL(fileURLWithPath: directory + "sweep.json"))
        let error = #expect(throws: GridError.self) { try SweepManifest.read(directory: directory) }
        #expect(error?.kind == .unreadableManifest)
        #expect(error?.description.hasPrefix("\(directory)sweep.json: not a sweep manifest this lr-train can read") == true)
    }

    @Test func failuresAreSummedUpWithWhereToLook() throws {
        let setup = try SweepSetup(options: SweepOptions.parse(["--preset", "gaussian-mlp3", "--seeds", "0-2", "--out", "runs"]),
                                   arguments: ["lr-train", "sweep", "--preset", "gaussian-mlp3", "--seeds", "0-2", "--out", "runs"])
        #expect(setup.directory == "runs/" && setup.trainingArguments == ["--preset", "gaussian-mlp3"])
        #expect(SweepFailures(failed: 2, setup: setup).description == "2 of 3 runs failed; runs/sweep.json lists them, and --resume retries them")
    }
}
