import AnalysisCommands
import ArgumentParser
import CommandLineSupport
import TrainingCommands

/// `lr-mpi`: the root command. Every rank parses the same command line; rank 0 speaks.
public struct LRMPI: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "lr-mpi",
        abstract: "lr-train sweep and lr-analyze over the ranks of an MPI job (mpirun, srun), with the same options and the same output files.",
        discussion: """
            Start it under MPI: `mpirun -n 64 lr-mpi sweep …` or, in a Slurm job, `srun lr-mpi …`. \
            Rank 0 hands out the work and writes the manifest, the analysis caches and the \
            report; every rank, rank 0 included, trains runs or computes spectra. \
            `lr-mpi sweep` takes exactly the options of `lr-train sweep` and writes the same \
            run files and sweep.json; `lr-mpi analyze` takes exactly those of `lr-analyze` and \
            writes the same cache and prints the same report.

            Examples:
              mpirun -n 64 lr-mpi sweep --preset gaussian-mlp3 --grid weight-decay=0,1e-3,1e-2,1e-1 --seeds 0-15 --out sweeps/gauss/
              mpirun -n 16 lr-mpi analyze runs/wide.h5 --eps 1e-3
              mpirun -n 16 lr-mpi analyze sweeps/gauss/*.h5 --by weight-decay --eps 1e-3
            """,
        version: CommandLineTool.version,
        subcommands: [MPISweepCommand.self, MPIAnalyzeCommand.self])

    /// Starts MPI, parses the command line on every rank, runs the command and ends the job:
    /// every rank finalizes MPI and exits with its command's status. A usage error, `--help`
    /// or an error after the other ranks are done is printed by rank 0 alone; an error while
    /// they work ends the job (`Job.endingJobOnError`).
    public static func runAsJob() -> Never {
        let job = Job.current
        let outcome = job.tool.run(self, arguments: Array(CommandLine.arguments.dropFirst()))
        if job.rank == 0 { outcome.print() }
        job.end(status: outcome.status)
    }

    /// lr-mpi words errors as lr-train sweep and lr-analyze do, with their statuses.
    static let tool = CommandLineTool(name: "lr-mpi", reporters: [LRTrain.errorReporter, AnalyzeCommand.errorReporter])
}
