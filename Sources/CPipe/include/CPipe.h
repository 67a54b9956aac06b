#ifndef COPYDESK_CPIPE_H
#define COPYDESK_CPIPE_H

/// Creates a pipe whose two ends are close-on-exec from the start (Linux pipe2 with O_CLOEXEC, or
/// pipe + fcntl where pipe2 is missing). Returns 0, or -1 with errno set.
int copydesk_pipe_cloexec(int fds[2]);

#endif
