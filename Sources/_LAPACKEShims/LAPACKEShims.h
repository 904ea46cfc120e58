// LAPACKE, the C interface to LAPACK. Internal to LinearAlgebra.
#ifndef LOCAL_RANK_LAPACKE_SHIMS_H
#define LOCAL_RANK_LAPACKE_SHIMS_H
#include <lapacke.h>
static inline int _lapack_row_major(void) { return LAPACK_ROW_MAJOR; }
static inline int _lapack_col_major(void) { return LAPACK_COL_MAJOR; }
#endif
