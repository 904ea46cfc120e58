// zlib's gz* file functions, which read gzip-compressed and plain files alike.
// Internal to Datasets.
#ifndef LOCAL_RANK_ZLIB_SHIMS_H
#define LOCAL_RANK_ZLIB_SHIMS_H
#include <zlib.h>
#endif
