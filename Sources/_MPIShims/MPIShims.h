// Accessors for the MPI handles Swift cannot import: in Open MPI, MPI_COMM_WORLD, MPI_BYTE,
// MPI_ERRORS_RETURN and the like are macros that cast the address of a library global, and
// MPI_STATUS_IGNORE is a cast null pointer. Internal to the MPI module; not API.
#ifndef LOCAL_RANK_MPI_SHIMS_H
#define LOCAL_RANK_MPI_SHIMS_H

#include <mpi.h>

static inline MPI_Comm _mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Comm _mpi_comm_null(void) { return MPI_COMM_NULL; }
static inline MPI_Datatype _mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Errhandler _mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
static inline MPI_Info _mpi_info_null(void) { return MPI_INFO_NULL; }
static inline MPI_Status *_mpi_status_ignore(void) { return MPI_STATUS_IGNORE; }
static inline int _mpi_any_source(void) { return MPI_ANY_SOURCE; }
static inline int _mpi_any_tag(void) { return MPI_ANY_TAG; }
static inline int _mpi_success(void) { return MPI_SUCCESS; }
static inline int _mpi_max_error_string(void) { return MPI_MAX_ERROR_STRING; }
static inline int _mpi_comm_type_shared(void) { return MPI_COMM_TYPE_SHARED; }
static inline int _mpi_thread_single(void) { return MPI_THREAD_SINGLE; }
static inline int _mpi_thread_funneled(void) { return MPI_THREAD_FUNNELED; }
static inline int _mpi_thread_serialized(void) { return MPI_THREAD_SERIALIZED; }
static inline int _mpi_thread_multiple(void) { return MPI_THREAD_MULTIPLE; }

#endif
