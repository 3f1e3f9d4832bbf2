#define _GNU_SOURCE
#include "CLinux.h"
#include <stdlib.h>

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

static void fill_set(sigset_t *set, const int *signals, int count) {
    sigemptyset(set);
    for (int i = 0; i < count; i++) sigaddset(set, signals[i]);
}

int clinux_block_signals(const int *signals, int count) {
    signal(SIGPIPE, SIG_IGN);
    sigset_t set;
    fill_set(&set, signals, count);
    return pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int clinux_wait_signal(const int *signals, int count) {
    sigset_t set;
    fill_set(&set, signals, count);
    int sig = 0;
    if (sigwait(&set, &sig) != 0) return -1;
    return sig;
}
