#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#include "CProcess.h"

int copydesk_pipe_cloexec(int fds[2]) {
#if defined(__linux__)
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

int copydesk_exited(pid_t pid, int *status) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int result;
    do { result = waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT); } while (result < 0 && errno == EINTR);
    if (result < 0) return -1;
    if (info.si_pid != pid) return 0;
    *status = info.si_code == CLD_EXITED ? info.si_status : 128 + info.si_status;
    return 1;
}

int copydesk_kill_group(pid_t group, int signal) {
    if (group <= 1) { errno = EINVAL; return -1; }
    return kill(-group, signal);
}

/// Finds `file` on PATH like execvp would, into `path` (PATH_MAX bytes). Runs in the parent.
static int resolve(const char *file, char *path) {
    if (strchr(file, '/') != NULL) {
        if (strlen(file) >= PATH_MAX) return ENAMETOOLONG;
        strcpy(path, file);
        return 0;
    }
    const char *search = getenv("PATH");
    if (search == NULL || *search == '\0') search = "/usr/local/bin:/usr/bin:/bin";
    size_t length = strlen(file);
    int found = ENOENT;
    for (const char *p = search;; ) {
        const char *end = strchr(p, ':');
        size_t directory = end ? (size_t)(end - p) : strlen(p);
        if (directory + 1 + length < PATH_MAX) {
            if (directory == 0) { memcpy(path, ".", 1); directory = 1; } else memcpy(path, p, directory);
            path[directory] = '/';
            memcpy(path + directory + 1, file, length + 1);
            if (access(path, X_OK) == 0) return 0;
            if (errno == EACCES) found = EACCES;
        }
        if (end == NULL) break;
        p = end + 1;
    }
    return found;
}

/// The C library refuses to touch the signals it reserves for itself (32 and 33 in glibc); an ignored one
/// would still be ignored after execve, so it is reset with the system call itself.
static void reset_reserved(int number) {
#if defined(__linux__) && defined(SYS_rt_sigaction) && (defined(__x86_64__) || defined(__aarch64__))
    struct { void (*handler)(int); unsigned long flags; void (*restorer)(void); unsigned long mask; } kernel = {SIG_DFL, 0, NULL, 0};
    (void)syscall(SYS_rt_sigaction, number, &kernel, NULL, sizeof kernel.mask);
#else
    (void)number;
#endif
}

/// The child's side: async-signal-safe calls only. Reports a failure's errno on `report` and exits 127.
static void child(const char *path, char *const argv[], char *const envp[], int in, int out, int err, int report,
                  pid_t parent, int descriptors) {
    int error = 0;
    // Out of copydesk's process group first. Until then a signal sent to that group (Ctrl-C at a
    // terminal) reaches this child too; every signal is blocked here, so it waits, pending.
    if (setpgid(0, 0) != 0) { error = errno; goto failed; }
    // Every signal back to its default (dispositions survive fork; ignored ones would survive execve).
    // Ignored first, which discards whatever is pending: it can only have been sent to copydesk's group
    // (nobody knows this process's id yet), and copydesk takes it itself; kept, it would kill the
    // program the moment its mask is cleared, and the run would fail instead of stopping cleanly.
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    for (int number = 1; number < NSIG; number++) {
        if (number == SIGKILL || number == SIGSTOP) continue;
        action.sa_handler = SIG_IGN;
        (void)sigaction(number, &action, NULL);
        action.sa_handler = SIG_DFL;
        if (sigaction(number, &action, NULL) != 0) reset_reserved(number);
    }
#if defined(__linux__)
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) { error = errno; goto failed; }
    // The parent may have died between fork and prctl: then nobody will send the signal.
    if (getppid() != parent) _exit(127);
#else
    (void)parent;
#endif
    // Move the three ends above 2 first, so that one sitting on 0, 1 or 2 is not overwritten by another.
    int sources[3] = {in, out, err};
    int moved[3];
    for (int i = 0; i < 3; i++) {
        moved[i] = fcntl(sources[i], F_DUPFD_CLOEXEC, 3);
        if (moved[i] < 0) { error = errno; goto failed; }
    }
    for (int i = 0; i < 3; i++) {
        if (dup2(moved[i], i) < 0) { error = errno; goto failed; }
    }
    // Close every other descriptor except the report pipe (close-on-exec), so nothing of copydesk leaks in.
#if defined(__linux__) && defined(SYS_close_range)
    int ranged = report == 3 || syscall(SYS_close_range, 3, report - 1, 0) == 0;
    if (ranged && syscall(SYS_close_range, report + 1, ~0U, 0) == 0) descriptors = 0;
#endif
    for (int fd = 3; fd < descriptors; fd++) {
        if (fd != report) (void)close(fd);
    }
    sigset_t none;
    sigemptyset(&none);
    if (sigprocmask(SIG_SETMASK, &none, NULL) != 0) { error = errno; goto failed; }
    execve(path, argv, envp);
    error = errno;
failed:
    while (write(report, &error, sizeof error) < 0 && errno == EINTR) {}
    _exit(127);
}

int copydesk_spawn(const char *file, char *const argv[], char *const envp[], int in, int out, int err, pid_t *pid) {
    char path[PATH_MAX];
    int resolved = resolve(file, path);
    if (resolved != 0) return resolved;
    int report[2];
    if (copydesk_pipe_cloexec(report) != 0) return errno;
    // The highest descriptor to close in the child, computed here (sysconf is not async-signal-safe).
    struct rlimit limit;
    int descriptors = 65536;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < (rlim_t)descriptors) {
        descriptors = (int)limit.rlim_cur;
    }
    // Block every signal across the fork, so no handler of copydesk runs in the child before the
    // dispositions are reset; the child then clears its mask, the parent restores its own.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t parent = getpid();
    pid_t started = fork();
    if (started == 0) child(path, argv, envp, in, out, err, report[1], parent, descriptors);
    int forkError = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(report[1]);
    if (started < 0) {
        close(report[0]);
        return forkError;
    }
    // Also from this side, so the group exists before copydesk may signal it (the child may not have run yet).
    (void)setpgid(started, started);
    int error = 0;
    ssize_t count;
    do { count = read(report[0], &error, sizeof error); } while (count < 0 && errno == EINTR);
    close(report[0]);
    if (count > 0) {
        int status;
        while (waitpid(started, &status, 0) < 0 && errno == EINTR) {}
        return error != 0 ? error : ECHILD;
    }
    *pid = started;
    return 0;
}
