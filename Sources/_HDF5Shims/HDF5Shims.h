// Accessors for the HDF5 macros Swift cannot import: the native type ids and
// several property constants are global variables behind macros that call
// H5open(). Internal to the HDF5 module; not API.
#ifndef LOCAL_RANK_HDF5_SHIMS_H
#define LOCAL_RANK_HDF5_SHIMS_H

#include <hdf5.h>
#include <hdf5_hl.h>

static inline hid_t _h5_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t _h5_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t _h5_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t _h5_native_int16(void) { return H5T_NATIVE_INT16; }
static inline hid_t _h5_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t _h5_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t _h5_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t _h5_native_uint16(void) { return H5T_NATIVE_UINT16; }
static inline hid_t _h5_native_uint32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t _h5_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t _h5_c_s1(void) { return H5T_C_S1; }

static inline hid_t _h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t _h5p_file_create(void) { return H5P_FILE_CREATE; }
static inline hid_t _h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t _h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t _h5p_dataset_access(void) { return H5P_DATASET_ACCESS; }
static inline hid_t _h5p_link_create(void) { return H5P_LINK_CREATE; }
static inline hid_t _h5p_link_access(void) { return H5P_LINK_ACCESS; }
static inline hid_t _h5p_group_create(void) { return H5P_GROUP_CREATE; }
static inline hid_t _h5s_all(void) { return H5S_ALL; }
static inline hid_t _h5e_default(void) { return H5E_DEFAULT; }

static inline unsigned _h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned _h5f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline unsigned _h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned _h5f_acc_excl(void) { return H5F_ACC_EXCL; }
static inline unsigned _h5f_acc_swmr_write(void) { return H5F_ACC_SWMR_WRITE; }
static inline unsigned _h5f_acc_swmr_read(void) { return H5F_ACC_SWMR_READ; }
static inline unsigned _h5f_obj_all(void) { return H5F_OBJ_ALL; }
static inline unsigned _h5f_obj_local(void) { return H5F_OBJ_LOCAL; }

// Error classes, to map HDF5's error stack to HDF5Error.Kind.
static inline hid_t _h5e_nothdf5(void) { return H5E_NOTHDF5; }
static inline hid_t _h5e_truncated(void) { return H5E_TRUNCATED; }
static inline hid_t _h5e_notfound(void) { return H5E_NOTFOUND; }
static inline hid_t _h5e_fileexists(void) { return H5E_FILEEXISTS; }
static inline hid_t _h5e_exists(void) { return H5E_EXISTS; }
static inline hid_t _h5e_cantopenfile(void) { return H5E_CANTOPENFILE; }
static inline hid_t _h5e_cantdecode(void) { return H5E_CANTDECODE; }
static inline hid_t _h5e_cantload(void) { return H5E_CANTLOAD; }
static inline hid_t _h5e_badvalue(void) { return H5E_BADVALUE; }
static inline hid_t _h5e_pline(void) { return H5E_PLINE; }
static inline hid_t _h5e_args(void) { return H5E_ARGS; }

static inline hsize_t _h5s_unlimited(void) { return H5S_UNLIMITED; }
static inline size_t _h5t_variable(void) { return H5T_VARIABLE; }

#endif
