import CommandLineSupport
@testable import LocalRank
import RunFormat
import Testing
@testable import AnalysisCommands

/// lr-analyze's command line in process: each value parsed once, into its type, with the line
/// a bad one gets (issue 25's wording); and how an analysis's errors are worded.
@Suite struct AnalysisCommandLineTests {
    func outcome(_ arguments: [String]) -> CommandOutcome { AnalyzeCommand.tool.run(AnalyzeCommand.self, arguments: arguments) }

    @Test func valuesAreParsedIntoTheirTypes() throws {
        let options = try RankOptions.parse(["a.h5", "b.h5", "--eps", "1e-2, 1e-3", "--checkpoints", "0,1000-5000", "--layers", "0,2",
                                             "--by", "weight-decay,lr"])
        #expect(options.eps.values == [1e-2, 1e-3])
        #expect(options.checkpoints == .steps([0...0, 1000...5000]))
        #expect(options.layers == .indices([0, 2]))
        #expect(options.by?.names == ["weight-decay", "lr"])
        let defaults = try RankOptions.parse(["a.h5"])
        #expect(defaults.eps.values == [1e-3] && defaults.checkpoints == .all && defaults.layers == .all && defaults.by == nil)
        #expect(defaults.measures == MeasureRequest(measure: .localRank, thresholds: [1e-3]))
    }

    @Test func aBadValueIsOneUsageLine() {
        let cases: [([String], String)] = [
            (["--eps", "-1e-3"], "--eps must be positive, not -1e-3"),
            (["--eps", "1e-3,x"], "--eps 'x' is not a positive number"),
            (["--eps", "inf"], "--eps 'inf' is not a positive number"),
            (["--checkpoints", "5-3"], "--checkpoints '5-3' is not all, last, or a list of steps and ranges like 0,1000-5000"),
            (["--layers", "0,-1"], "--layers '0,-1' is not 'all' or a list of layer indices like 0,2"),
            (["--by", "lr,,seed"], "--by 'lr,,seed' is not a comma-separated list of setting names"),
            (["--probe", "0"], "--probe must be positive, not 0"),
            (["--plot", "rank.jpg"], "--plot 'rank.jpg': charts are written as .svg, .png or .pdf; name the file with one of these extensions"),
            (["other.h5"], "several runs are compared with --by SETTING (e.g. --by beta, --by weight-decay,lr)"),
        ]
        for (arguments, problem) in cases {
            #expect(outcome(["run.h5"] + arguments) == CommandOutcome(text: "lr-analyze: error: \(problem) (see lr-analyze --help)", status: .usage))
        }
        // An unknown option is named before anything else is looked at.
        #expect(outcome(["run.h5", "--esp", "1e-3", "--eps", "-1"]).text
                == "lr-analyze: error: unknown option '--esp'; did you mean '--eps'? (see lr-analyze --help)")
        #expect(outcome(["validate"]).text == "lr-analyze: error: missing expected argument '<run.h5> ...' (see lr-analyze validate --help)")
    }

    @Test func analysisErrorsSayWhatGetsPastThem() {
        let report = AnalyzeCommand.errorReporter
        #expect(report(AnalysisCacheError(.otherRun, file: "run.lr.h5", problem: "computed from another run"))
                == ErrorReport("run.lr.h5: computed from another run; pass --recompute to replace it, or choose another --cache"))
        #expect(report(AnalysisCacheError(.notWritable, file: "run.lr.h5", problem: "cannot write here"))?.message.hasSuffix("; choose another --cache") == true)
        #expect(report(RunFormatError(file: "run.h5", problem: "/model@layer_sizes is missing", additionalProblems: 2))
                == ErrorReport("run.h5: /model@layer_sizes is missing (and 2 more problems); `lr-analyze validate run.h5` lists them all"))
        #expect(report(RunFormatError(.damaged, file: "run.h5", problem: "the file is damaged")) == nil)
        #expect(report(AnalysisRequestError(kind: .tooManyProbeInputs(asked: 600, stored: 512), file: "run.h5"))
                == ErrorReport("run.h5: --probe 600 asks for more than the 512 stored probe inputs"))
        #expect(report(AnalysisInterrupted(completed: 3, total: 10))
                == ErrorReport("interrupted after 3 of 10 checkpoints; run again to continue", status: .interrupted))
        #expect(report(NonFiniteCheckpoints(file: "run.h5", steps: [40, 50]))
                == ErrorReport("run.h5: checkpoints at step 40, 50 have NaN or infinite weights; reported as non-finite, the others analyzed",
                               status: .nonFiniteCheckpoints))
    }

    @Test func whatTheRunsDoNotHaveIsNamed() throws {
        let options = try RankOptions.parse(["run.h5", "--layers", "1,3"])
        #expect(try options.selectLayers(count: 4, file: "run.h5") == [1, 3])
        #expect(throws: UnavailableRequest(.layer(3, layerCount: 3), file: "run.h5")) { try options.selectLayers(count: 3, file: "run.h5") }
        #expect(UnavailableRequest(.layer(3, layerCount: 3), file: "run.h5").description == "--layers names layer 3, but run.h5 has layers 0…2")
        #expect(InvalidRunFiles(invalid: 2, checked: 3).description == "2 of 3 files are not valid run format v1")
    }

    @Test func missingStepsAreToldWithTheNearestOnes() throws {
        let steps = [0, 10, 100, 1000]
        let selection = CheckpointSelection.steps([100...100, 50...50, 2000...3000])
        #expect(selection.unmatched(in: steps) == [50...50, 2000...3000])
        #expect(!selection.matchesNothing(in: steps))
        #expect(CheckpointSelection.steps([5...5]).matchesNothing(in: steps))
        #expect(CheckpointSelection.all.unmatched(in: steps).isEmpty)
        let problem = UnmatchedCheckpoints(subject: .run("run.h5"), unmatched: [50...50, 2000...3000], steps: steps)
        #expect(problem.description == "run.h5 has no checkpoint at step 50 (nearest: 10, 100), steps 2000-3000; its 4 checkpoints span steps 0…1000")
        let runs = UnmatchedCheckpoints(subject: .runs(3), unmatched: [5000...5000], steps: steps)
        #expect(runs.description == "none of the 3 runs has a checkpoint at step 5000 (nearest: 1000); their checkpoints span steps 0…1000")
    }
}

@Suite struct ReportFormattingTests {
    @Test func tablesAlignTheFirstColumnLeftAndTheRestRight() {
        #expect(alignedTable(headers: ["step", "layer 0 (32)"], rows: [["0", "31.50"], ["1000", "7.25"]])
                == "step  layer 0 (32)\n0            31.50\n1000          7.25\n")
    }

    @Test func thresholdsAreSpelledShort() {
        #expect(shortNumber(1e-3) == "1e-3")
        #expect(shortNumber(0.05) == "0.05")
    }
}
