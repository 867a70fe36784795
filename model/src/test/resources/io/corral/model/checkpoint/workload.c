/*
 * Test workload for checkpoint/restore: a parent and N children that keep incrementing
 * counters (kept in memory, written to files), hold an open file and a pipe, and a
 * listening TCP socket on 127.0.0.1 that answers with the parent's counter.
 *
 *   workload DIR PORT NCHILDREN
 *
 * It reopens its stdio on /dev/null and closes every other fd first (CRIU cannot dump fds
 * opened in another mount namespace), then waits for DIR/go before it forks, so the test
 * can place it into groups first.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

static void put(int fd, long v) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%012ld\n", v);
    if (pwrite(fd, buf, n, 0) != n) _exit(3);
}

int main(int argc, char **argv) {
    if (argc != 4) return 2;
    int nullfd = open("/dev/null", O_RDWR);
    dup2(nullfd, 0); dup2(nullfd, 1); dup2(nullfd, 2);
    for (int fd = 3; fd < 1024; fd++) close(fd);
    if (chdir(argv[1]) != 0) return 2;
    int port = atoi(argv[2]), n = atoi(argv[3]);
    while (access("go", F_OK) != 0) usleep(10000);

    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *) &a, sizeof a) != 0 || listen(lfd, 8) != 0) return 4;
    int p[2];
    if (pipe2(p, O_NONBLOCK) != 0) return 5;
    int held = open("held.txt", O_RDWR | O_CREAT | O_APPEND, 0644);

    for (int i = 0; i < n; i++) {
        if (fork() == 0) {
            char name[32];
            snprintf(name, sizeof name, "child-%d", i);
            int fd = open(name, O_RDWR | O_CREAT, 0644);
            for (long c = 1;; c++) {
                put(fd, c);
                if (write(p[1], "x", 1) < 0 && errno != EAGAIN) _exit(6);
                usleep(50000);
            }
        }
    }
    int fd = open("parent", O_RDWR | O_CREAT, 0644);
    char drain[256];
    for (long c = 1;; c++) {
        put(fd, c);
        while (read(p[0], drain, sizeof drain) > 0) { }
        int cfd = accept(lfd, NULL, NULL);
        if (cfd >= 0) {
            char buf[32];
            int len = snprintf(buf, sizeof buf, "%ld\n", c);
            if (write(cfd, buf, len) < 0) { }
            close(cfd);
        }
        if (c % 100 == 0 && write(held, "tick\n", 5) < 0) _exit(7);
        usleep(50000);
    }
}
