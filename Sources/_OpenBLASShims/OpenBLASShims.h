// CBLAS from OpenBLAS, plus its thread-count controls. Internal to LinearAlgebra.
#ifndef LOCAL_RANK_OPENBLAS_SHIMS_H
#define LOCAL_RANK_OPENBLAS_SHIMS_H
#include <cblas.h>
#endif
