import ArgumentParser
import CommandLineSupport
import Platform

/// `lr-mpi`: the root command. Every rank parses the same command line; rank 0 speaks.
struct LRMPI: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        version: version,
        subcommands: [MPISweepCommand.self, MPIAnalyzeCommand.self])

    static let version = "0.1.0"
    static let producer = "lr-mpi \(version)"

    /// Starts MPI, parses the command line on every rank, runs the command and ends the job:
    /// every rank finalizes MPI and exits with its command's status. A usage error or
    /// `--help` is printed by rank 0 alone.
    static func runAsJob() -> Never {
        let job = Job.current
        var status: Int32 = 0
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let outcome = CommandLineTool(name: "lr-mpi").outcome(of: error, root: self, arguments: Array(CommandLine.arguments.dropFirst()))
            status = outcome.status
            if job.rank == 0 && !outcome.text.isEmpty {
                if status == 0 { print(outcome.text) } else { StandardStreams.writeError(outcome.text + "\n") }
            }
        }
        job.end(status: status)
    }
}
