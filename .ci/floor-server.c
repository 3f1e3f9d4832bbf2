// The floor `make bench` compares the gateway's /healthz rows with: an epoll server that does no
// HTTP work at all. It counts request heads (a blank line ends each) and answers each with fixed
// bytes the size of the gateway's /healthz answer: no parsing, routing, metrics or logging. What
// it costs per request is what the kernel and this VM charge for a read and a write on loopback,
// so the gateway's figure minus this one is the gateway's own work, whatever spell the VM is in.
// usage: floor-server PORT LOOPS
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const char answer[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: req_0000000000000_0\r\n"
    "Date: Sat, 21 Nov 2026 00:00:00 GMT\r\nContent-Length: 15\r\n\r\n{\"status\":\"ok\"}";
static int listener;

// The last bytes of a connection's previous read, so a blank line split across reads is found.
// Descriptors index it directly; the bench opens a few hundred.
static unsigned tails[65536];

static void *loop(void *unused) {
    (void)unused;
    int poll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.fd = listener};
    epoll_ctl(poll, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event ready[256];
    char input[16384], output[sizeof answer * 64];
    for (;;) {
        int count = epoll_wait(poll, ready, 256, -1);
        for (int i = 0; i < count; i++) {
            int fd = ready[i].data.fd;
            if (fd == listener) {
                int client, on = 1;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (client >= 65536) { close(client); continue; }
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                    tails[client] = 0;
                    struct epoll_event readable = {.events = EPOLLIN, .data.fd = client};
                    epoll_ctl(poll, EPOLL_CTL_ADD, client, &readable);
                }
                continue;
            }
            ssize_t got = read(fd, input, sizeof input);
            if (got <= 0) { close(fd); continue; }
            unsigned tail = tails[fd];
            size_t heads = 0;
            for (ssize_t k = 0; k < got; k++) {
                tail = (tail << 8) | (unsigned char)input[k];
                if (tail == 0x0d0a0d0a) heads++;
            }
            tails[fd] = tail;
            while (heads > 0) {
                size_t batch = heads < 64 ? heads : 64, used = 0;
                for (size_t h = 0; h < batch; h++, used += sizeof answer - 1)
                    __builtin_memcpy(output + used, answer, sizeof answer - 1);
                // A full socket buffer would need EPOLLOUT; wrk reads every answer, so it never fills.
                if (send(fd, output, used, MSG_NOSIGNAL) < 0) { close(fd); break; }
                heads -= batch;
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor-server PORT LOOPS\n"); return 2; }
    int loops = atoi(argv[2]), on = 1;
    listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1]))};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1024) != 0) {
        perror("floor-server");
        return 1;
    }
    pthread_t threads[64];
    for (int i = 0; i < loops && i < 64; i++) pthread_create(&threads[i], NULL, loop, NULL);
    pthread_join(threads[0], NULL);
    return 0;
}
