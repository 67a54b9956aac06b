#ifndef COPYDESK_CPROCESS_H
#define COPYDESK_CPROCESS_H

#include <spawn.h>

/// Creates a pipe whose two ends are close-on-exec from the start (Linux pipe2 with O_CLOEXEC, or
/// pipe + fcntl where pipe2 is missing). Returns 0, or -1 with errno set.
int copydesk_pipe_cloexec(int fds[2]);

/// Adds "close every descriptor from `from` up" to spawn file actions (glibc's
/// posix_spawn_file_actions_addclosefrom_np, which Swift does not see without _GNU_SOURCE).
/// Returns 0, or an error number (ENOSYS where the C library lacks it).
int copydesk_spawn_closefrom(posix_spawn_file_actions_t *actions, int from);

#endif
