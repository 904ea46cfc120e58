// lr-mpi: lr-train sweep and lr-analyze over the ranks of an MPI job.
import MPICommands

LRMPI.runAsJob()
