import MPI
import Testing

/// The MPI module's own values, in this process. MPI itself is not started here: MPI_Init
/// may run once per process, and the other suites share this one; `MPITests` runs every
/// call the module wraps (init, split, send, probe, receive, abort, finalize) in lr-mpi jobs
/// under mpirun.
@Suite struct MPIModuleTests {
    @Test func threadLevelsAreOrderedAsMPIDefinesThem() {
        #expect(MPI.ThreadLevel.single < .funneled && MPI.ThreadLevel.funneled < .serialized && MPI.ThreadLevel.serialized < .multiple)
        #expect(MPI.ThreadLevel.funneled.description == "MPI_THREAD_FUNNELED")
        #expect(MPI.ThreadLevel.allCases.map(\.description)
                == ["MPI_THREAD_SINGLE", "MPI_THREAD_FUNNELED", "MPI_THREAD_SERIALIZED", "MPI_THREAD_MULTIPLE"])
    }

    @Test func anErrorNamesTheCallAndMPIsDescription() {
        let error = MPIError(call: "MPI_Send", code: 6, message: "MPI_ERR_RANK: invalid rank")
        #expect(error.description == "MPI_Send failed: MPI_ERR_RANK: invalid rank")
    }

    @Test func thisProcessHasNotStartedMPI() {
        #expect(!MPI.isInitialized && !MPI.isFinalized)
    }
}
