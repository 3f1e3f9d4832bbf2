// Linux system calls that Swift's Glibc module does not expose.
#ifndef CLINUX_H
#define CLINUX_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <signal.h>
#include <pthread.h>

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC, which needs _GNU_SOURCE.
int clinux_accept_nonblocking(int fd, struct sockaddr *addr, socklen_t *len);

/// epoll_event is packed on x86_64, so Swift cannot build it field by field safely.
int clinux_epoll_add(int epfd, int fd, unsigned int events, unsigned long long data);
int clinux_epoll_mod(int epfd, int fd, unsigned int events, unsigned long long data);
int clinux_epoll_del(int epfd, int fd);

/// Waits and copies (events, data) pairs into plain arrays Swift can read.
int clinux_epoll_wait(int epfd, unsigned int *events, unsigned long long *data, int max, int timeout_ms);

/// Ignores SIGPIPE and routes the given signals to a handler that writes the signal number
/// as one byte to a pipe; returns the pipe's read end, or -1. Handlers are process-wide, so
/// this works whichever thread the kernel picks (a signal mask would not, once threads exist).
int clinux_signal_pipe(const int *signals, int count);

/// Names the calling thread (Linux keeps 15 bytes); pthread_setname_np needs _GNU_SOURCE.
int clinux_set_thread_name(const char *name);

#endif
