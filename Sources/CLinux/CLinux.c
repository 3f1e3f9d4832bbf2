#define _GNU_SOURCE
#include "CLinux.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int clinux_accept_nonblocking(int fd, struct sockaddr *addr, socklen_t *len) {
    return accept4(fd, addr, len, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

static int epoll_ctl_data(int epfd, int op, int fd, unsigned int events, unsigned long long data) {
    struct epoll_event ev;
    ev.events = events;
    ev.data.u64 = data;
    return epoll_ctl(epfd, op, fd, &ev);
}

int clinux_epoll_add(int epfd, int fd, unsigned int events, unsigned long long data) {
    return epoll_ctl_data(epfd, EPOLL_CTL_ADD, fd, events, data);
}

int clinux_epoll_mod(int epfd, int fd, unsigned int events, unsigned long long data) {
    return epoll_ctl_data(epfd, EPOLL_CTL_MOD, fd, events, data);
}

int clinux_epoll_del(int epfd, int fd) {
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
}

int clinux_epoll_wait(int epfd, unsigned int *events, unsigned long long *data, int max, int timeout_ms) {
    struct epoll_event evs[256];
    if (max > 256) max = 256;
    int n = epoll_wait(epfd, evs, max, timeout_ms);
    for (int i = 0; i < n; i++) {
        events[i] = evs[i].events;
        data[i] = evs[i].data.u64;
    }
    return n;
}

static int signal_pipe_write = -1;

static void write_signal(int sig) {
    unsigned char byte = (unsigned char)sig;
    int saved = errno;
    (void)!write(signal_pipe_write, &byte, 1);
    errno = saved;
}

int clinux_signal_pipe(const int *signals, int count) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return -1;
    signal_pipe_write = fds[1];
    signal(SIGPIPE, SIG_IGN);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = write_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int i = 0; i < count; i++) {
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
    }
    return fds[0];
}

int clinux_set_thread_name(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}
