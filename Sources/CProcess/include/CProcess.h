#ifndef COPYDESK_CPROCESS_H
#define COPYDESK_CPROCESS_H

#include <sys/types.h>

/// Creates a pipe whose two ends are close-on-exec from the start (Linux pipe2 with O_CLOEXEC, or
/// pipe + fcntl where pipe2 is missing). Returns 0, or -1 with errno set.
int copydesk_pipe_cloexec(int fds[2]);

/// Starts a program the way an exec stage needs it, with fork and execve:
/// - `file` is looked up on PATH when it has no slash (in the parent, before the fork);
/// - `in`, `out` and `err` become its descriptors 0, 1 and 2; every other descriptor is closed;
/// - it leads a new process group (so the whole group can be ended, and Ctrl-C at a terminal reaches
///   copydesk alone);
/// - every signal has its default disposition and none is blocked, whatever copydesk ignores or blocks;
/// - on Linux it is sent SIGKILL when the thread that started it ends (PR_SET_PDEATHSIG), including
///   when copydesk is killed; if copydesk is already gone when that is set, it exits at once.
/// Only async-signal-safe calls run between fork and execve. Returns 0 and the child's pid in `pid`, or
/// an error number (ENOENT for a program not found, or the errno of a failed execve).
int copydesk_spawn(const char *file, char *const argv[], char *const envp[], int in, int out, int err, pid_t *pid);

/// Whether `pid` (a child) has exited, without reaping it (waitid with WNOWAIT), so its pid and process
/// group id cannot be reused until it is reaped. Returns 1 and its status in `status` (the exit code, or
/// 128 + the signal that ended it), 0 while it runs, or -1 with errno set.
int copydesk_exited(pid_t pid, int *status);

/// Sends `signal` to the process group `group`; returns 0, or -1 with errno set.
int copydesk_kill_group(pid_t group, int signal);

#endif
