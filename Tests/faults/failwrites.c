// A full disk (or a failing one) for one process tree, without mounting anything:
// loaded with LD_PRELOAD, it lets the files under one directory take a budget of bytes,
// then fails every further write to them as the kernel does when the disk fills up.
//
//   LOCAL_RANK_FAULT_DIRECTORY  the directory whose files are limited (absolute path)
//   LOCAL_RANK_FAULT_BYTES      the bytes written to them that succeed, per process
//   LOCAL_RANK_FAULT_ERRNO      the error after that: 28 ENOSPC (default), 5 EIO, 122 EDQUOT
//
// The write that crosses the budget is cut short (a partial write, as on a full disk); the
// next ones fail with the error, as does fallocate (and, for EIO, fsync). A full
// disk or quota (ENOSPC, EDQUOT) refuses only writes that need new space: one that overwrites
// bytes the file already holds succeeds, as on a real file system. An I/O error (EIO)
// refuses every write. Standard output, standard error, pipes and files elsewhere are never
// limited.
// The tests build it with the C compiler (Tests/LocalRankTestSupport/WriteFaults.swift);
// `make fuzz` runs the same tests with more budgets.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static char directory[PATH_MAX];
static size_t directory_length;
static long long budget = -1;
static int failure = ENOSPC;
static atomic_llong written;
static atomic_int exhausted;

__attribute__((constructor)) static void configure(void) {
    const char *path = getenv("LOCAL_RANK_FAULT_DIRECTORY");
    const char *bytes = getenv("LOCAL_RANK_FAULT_BYTES");
    const char *number = getenv("LOCAL_RANK_FAULT_ERRNO");
    if (!path || !bytes || strlen(path) + 2 > sizeof directory) return;
    snprintf(directory, sizeof directory, "%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/");
    directory_length = strlen(directory);
    budget = atoll(bytes);
    if (number && atoi(number) > 0) failure = atoi(number);
}

/// Whether `fd` is a regular file under the limited directory.
static int limited(int fd) {
    if (budget < 0) return 0;
    struct stat status;
    if (fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) return 0;
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, target, sizeof target - 1);
    if (length <= 0) return 0;
    target[length] = 0;
    return strncmp(target, directory, directory_length) == 0;
}

/// Whether `count` bytes at `offset` (-1: the descriptor's position) overwrite data the
/// file holds already, so that a full disk would still take them.
static int overwrites(int fd, off_t offset, size_t count) {
    if (failure == EIO) return 0;
    struct stat status;
    if (fstat(fd, &status) != 0) return 0;
    if (offset < 0) {
        if (fcntl(fd, F_GETFL) & O_APPEND) return 0;
        offset = lseek(fd, 0, SEEK_CUR);
        if (offset < 0) return 0;
    }
    off_t end = offset + (off_t)count;
    if (end > status.st_size) return 0;
    // A hole inside the file needs new space too: look for one on a description of our own,
    // so that the caller's file position stays where it is.
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    int probe = open(link, O_RDONLY);
    if (probe < 0) return 0;
    off_t hole = lseek(probe, offset, SEEK_HOLE);
    close(probe);
    return hole >= end;
}

/// How many of `count` bytes at `offset` may be written now; -1 (errno set) when none may.
static ssize_t allowance(int fd, size_t count, off_t offset) {
    if (!limited(fd)) return (ssize_t)count;
    if (atomic_load(&exhausted)) {
        if (overwrites(fd, offset, count)) return (ssize_t)count;
        errno = failure;
        return -1;
    }
    long long before = atomic_fetch_add(&written, (long long)count);
    if (before + (long long)count <= budget) return (ssize_t)count;
    atomic_store(&exhausted, 1);
    long long left = budget - before;
    if (left <= 0) { errno = failure; return -1; }
    return (ssize_t)left;
}

typedef ssize_t (*write_f)(int, const void *, size_t);
typedef ssize_t (*pwrite_f)(int, const void *, size_t, off_t);
typedef ssize_t (*writev_f)(int, const struct iovec *, int);
typedef ssize_t (*pwritev_f)(int, const struct iovec *, int, off_t);
typedef int (*sync_f)(int);
typedef int (*fallocate_f)(int, int, off_t, off_t);
typedef int (*posix_fallocate_f)(int, off_t, off_t);

/// The libc function `name` of type `type`, looked up once, as `real`.
#define NEXT(name, type) static type real = NULL; if (!real) real = (type)dlsym(RTLD_NEXT, name)

ssize_t write(int fd, const void *buffer, size_t count) {
    NEXT("write", write_f);
    ssize_t allowed = allowance(fd, count, -1);
    return allowed < 0 ? -1 : real(fd, buffer, (size_t)allowed);
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset) {
    NEXT("pwrite", pwrite_f);
    ssize_t allowed = allowance(fd, count, offset);
    return allowed < 0 ? -1 : real(fd, buffer, (size_t)allowed, offset);
}

ssize_t pwrite64(int fd, const void *buffer, size_t count, off_t offset) {
    NEXT("pwrite64", pwrite_f);
    ssize_t allowed = allowance(fd, count, offset);
    return allowed < 0 ? -1 : real(fd, buffer, (size_t)allowed, offset);
}

/// The vectored writes: the first `allowed` bytes of the vectors, written with write/pwrite.
static ssize_t vectored(int fd, const struct iovec *vectors, int count, off_t offset, int positioned) {
    size_t total = 0;
    for (int i = 0; i < count; i++) total += vectors[i].iov_len;
    ssize_t allowed = allowance(fd, total, positioned ? offset : -1);
    if (allowed < 0) return -1;
    NEXT("pwritev", pwritev_f);
    static writev_f plain = NULL;
    if (!plain) plain = (writev_f)dlsym(RTLD_NEXT, "writev");
    struct iovec cut[count > 0 ? count : 1];
    int used = 0;
    size_t left = (size_t)allowed;
    for (int i = 0; i < count && left > 0; i++) {
        cut[used] = vectors[i];
        if (cut[used].iov_len > left) cut[used].iov_len = left;
        left -= cut[used].iov_len;
        used++;
    }
    return positioned ? real(fd, cut, used, offset) : plain(fd, cut, used);
}

ssize_t writev(int fd, const struct iovec *vectors, int count) { return vectored(fd, vectors, count, 0, 0); }
ssize_t pwritev(int fd, const struct iovec *vectors, int count, off_t offset) { return vectored(fd, vectors, count, offset, 1); }
ssize_t pwritev64(int fd, const struct iovec *vectors, int count, off_t offset) { return vectored(fd, vectors, count, offset, 1); }

/// Whether a call on `fd` fails now that the budget is spent; `synchronizing`: fsync and
/// fdatasync, which only a failing disk (EIO) makes fail.
static int spent(int fd, int synchronizing) {
    if (synchronizing && failure != EIO) return 0;
    if (atomic_load(&exhausted) && limited(fd)) { errno = failure; return 1; }
    return 0;
}

int fsync(int fd) {
    NEXT("fsync", sync_f);
    return spent(fd, 1) ? -1 : real(fd);
}

int fdatasync(int fd) {
    NEXT("fdatasync", sync_f);
    return spent(fd, 1) ? -1 : real(fd);
}

int fallocate(int fd, int mode, off_t offset, off_t length) {
    NEXT("fallocate", fallocate_f);
    return spent(fd, 0) ? -1 : real(fd, mode, offset, length);
}

int posix_fallocate(int fd, off_t offset, off_t length) {
    NEXT("posix_fallocate", posix_fallocate_f);
    return spent(fd, 0) ? failure : real(fd, offset, length);
}
