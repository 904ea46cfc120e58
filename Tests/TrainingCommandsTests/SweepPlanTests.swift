import Testing
@testable import TrainingCommands

@Suite struct SweepPlanTests {
    @Test("grid axes: lists, log spacing, and one clear error per bad spec")
    func gridAxes() throws {
        #expect(try GridAxis(parsing: "weight-decay=0,1e-3,1e-2") == GridAxis(name: "weight-decay", values: ["0", "1e-3", "1e-2"]))
        #expect(try GridAxis(parsing: "--lr=1e-4,1e-3").name == "lr")
        #expect(try GridAxis(parsing: "lr=logspace:1e-4:1e-2:3").values == ["0.0001", "0.001", "0.01"])
        let refusals: [(String, GridError)] = [
            ("lr", GridError(.invalidSpecification, "--grid 'lr' is not NAME=VALUES, like weight-decay=0,1e-3")),
            ("=1,2", GridError(.invalidSpecification, "--grid '=1,2' is not NAME=VALUES, like weight-decay=0,1e-3")),
            ("lr=", GridError(.invalidSpecification, "--grid 'lr=' has an empty value")),
            ("lr=1,,2", GridError(.invalidSpecification, "--grid 'lr=1,,2' has an empty value")),
            ("lr=1,1", GridError(.invalidSpecification, "--grid 'lr=1,1' repeats a value")),
            ("lr=logspace:1:0.1:3", GridError(.invalidSpecification, "--grid 'lr=logspace:1:0.1:3': logspace takes LOW:HIGH:COUNT with 0 < LOW < HIGH and COUNT ≥ 2")),
            ("lr=logspace:1e-4:1e-2:1", GridError(.invalidSpecification, "--grid 'lr=logspace:1e-4:1e-2:1': logspace takes LOW:HIGH:COUNT with 0 < LOW < HIGH and COUNT ≥ 2")),
            ("seed=0,1", GridError(.unknownSetting, "--grid seed: give seeds with --seeds")),
            ("out=a,b", GridError(.unknownSetting, "--grid out: --out is not a training setting")),
        ]
        for (bad, expected) in refusals {
            #expect(throws: expected, "\(bad)") { try GridAxis(parsing: bad) }
        }
        // --betas keeps nine significant digits (single precision and more), as earlier sweeps trained with.
        #expect(try GridAxis(betas: "logspace:1e-4:1:13").values == [
            "0.0001", "0.000215443469", "0.000464158883", "0.001", "0.00215443469", "0.00464158883", "0.01", "0.0215443469",
            "0.0464158883", "0.1", "0.215443469", "0.464158883", "1",
        ])
        #expect(throws: GridError(.invalidSpecification, "--betas '-1,2' is not logspace:LOW:HIGH:COUNT or a list of non-negative numbers")) {
            try GridAxis(betas: "-1,2")
        }
    }

    @Test("seeds: ranges and lists; reversed ranges, repeats and text are refused")
    func seeds() {
        #expect(SeedList(argument: "0-4")?.seeds == [0, 1, 2, 3, 4])
        #expect(SeedList(argument: "7")?.seeds == [7])
        #expect(SeedList(argument: "0,3,7")?.seeds == [0, 3, 7])
        for bad in ["4-0", "0,0", "a", "", "0,,1", "-1"] { #expect(SeedList(argument: bad) == nil, "\(bad)") }
    }

    @Test("the plan is the product of the axes and the seeds, each run named by its settings")
    func plan() throws {
        let plan = try SweepPlan(axes: [GridAxis(name: "weight-decay", values: ["0", "1e-3"]), GridAxis(name: "data", values: ["idx:/a/b"])],
                                 seeds: [0, 1])
        #expect(plan.runs.map(\.file) == [
            "weight-decay-0_data-idx__a_b_seed-0.h5", "weight-decay-0_data-idx__a_b_seed-1.h5",
            "weight-decay-1e-3_data-idx__a_b_seed-0.h5", "weight-decay-1e-3_data-idx__a_b_seed-1.h5",
        ])
        #expect(plan.runs[3].arguments == ["--weight-decay", "1e-3", "--data", "idx:/a/b", "--seed", "1"])
        #expect(plan.runs[3].settings == ["weight-decay": "1e-3", "data": "idx:/a/b", "seed": "1"])
        #expect(try SweepPlan(axes: [GridAxis(betas: "0.001,0.1")], seeds: nil).runs.map(\.file) == ["beta-1.00e-03.h5", "beta-1.00e-01.h5"])
        #expect(throws: GridError(.invalidPlan, "a sweep needs --grid, --betas or --seeds")) { try SweepPlan(axes: [], seeds: nil) }
        #expect(throws: GridError(.invalidPlan, "two runs of the sweep would have the same file name; give values that differ as text")) {
            try SweepPlan(axes: [GridAxis(name: "data", values: ["a/b", "a_b"])], seeds: nil)
        }
        #expect(throws: GridError(.invalidPlan, "--grid names a setting twice")) {
            try SweepPlan(axes: [GridAxis(name: "lr", values: ["1"]), GridAxis(name: "lr", values: ["2"])], seeds: nil)
        }
    }

    @Test("the runs share the flags of the command line but the sweep's own")
    func sharedArguments() {
        let arguments = ["lr-train", "sweep", "--preset", "gaussian-mlp3", "--grid", "lr=1e-3,1e-2", "--seeds=0-2", "--steps", "100",
                         "--jobs", "2", "--out", "dir/", "--resume", "--quiet"]
        #expect(SweepSetup.trainingArguments(in: arguments) == ["--preset", "gaussian-mlp3", "--steps", "100", "--quiet"])
    }

    @Test("jobs × threads: defaults never exceed the cores; what is given is kept")
    func parallelism() {
        func chosen(_ jobs: Int?, _ threads: Int?, runs: Int, cores: Int) -> [Int] {
            let (j, t) = SweepOptions.parallelism(jobs: jobs, threads: threads, runs: runs, cores: cores)
            return [j, t]
        }
        #expect(chosen(nil, nil, runs: 4, cores: 2) == [2, 1])
        #expect(chosen(nil, nil, runs: 1, cores: 2) == [1, 2])
        #expect(chosen(nil, nil, runs: 3, cores: 8) == [3, 2])
        #expect(chosen(2, nil, runs: 9, cores: 2) == [2, 1])
        #expect(chosen(3, nil, runs: 9, cores: 2) == [3, 1])
        #expect(chosen(nil, 2, runs: 9, cores: 2) == [1, 2])
        #expect(chosen(nil, 4, runs: 9, cores: 2) == [1, 4])
        #expect(chosen(2, 2, runs: 9, cores: 2) == [2, 2])
    }
}
