/*
 * Corral benchmark baseline: reads the same cgroupfs files Corral's sampler reads, as
 * cheaply as C can. Usage: baseline LISTFILE TICKS KEEP MODE
 *   LISTFILE  one absolute path per line
 *   KEEP      at most this many files stay open (the fd budget Corral uses too)
 *   MODE      "kept": files within KEEP are opened once and re-read with pread(fd, buf, n, 0),
 *             the rest are opened, read and closed each tick;
 *             "reopen": every file is opened, read and closed each tick.
 * Prints one line: files kept_open ticks cpu_us_per_tick checksum
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static long cpu_us(void) {
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return (r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1000000L + r.ru_utime.tv_usec + r.ru_stime.tv_usec;
}

/* The number at the start of the buffer, parsed like Corral parses pids.current. */
static long first_number(const char *b, ssize_t n) {
    long v = 0;
    for (ssize_t i = 0; i < n && b[i] >= '0' && b[i] <= '9'; i++) v = v * 10 + (b[i] - '0');
    return v;
}

static char buf[16384];

static long one_tick(char **paths, int *fds, size_t n) {
    long sum = 0;
    for (size_t i = 0; i < n; i++) {
        ssize_t r;
        if (fds[i] >= 0) {
            r = pread(fds[i], buf, sizeof buf, 0);
        } else {
            int fd = open(paths[i], O_RDONLY | O_CLOEXEC);
            if (fd < 0) continue;
            r = read(fd, buf, sizeof buf);
            close(fd);
        }
        if (r > 0) sum += first_number(buf, r);
    }
    return sum;
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: %s LIST TICKS KEEP kept|reopen\n", argv[0]); return 2; }
    FILE *list = fopen(argv[1], "r");
    if (!list) { perror(argv[1]); return 1; }
    int ticks = atoi(argv[2]);
    long keep = atol(argv[3]);
    int kept_mode = strcmp(argv[4], "kept") == 0;
    size_t cap = 1024, n = 0;
    char **paths = malloc(cap * sizeof *paths);
    char line[4096];
    while (fgets(line, sizeof line, list)) {
        line[strcspn(line, "\n")] = 0;
        if (!*line) continue;
        if (n == cap) { cap *= 2; paths = realloc(paths, cap * sizeof *paths); }
        paths[n++] = strdup(line);
    }
    fclose(list);
    int *fds = malloc(n * sizeof *fds);
    long open_count = 0;
    for (size_t i = 0; i < n; i++) {
        fds[i] = -1;
        if (kept_mode && open_count < keep) {
            fds[i] = open(paths[i], O_RDONLY | O_CLOEXEC);
            if (fds[i] >= 0) open_count++;
        }
    }
    long sum = one_tick(paths, fds, n); /* untimed warm-up tick */
    long start = cpu_us();
    for (int t = 0; t < ticks; t++) sum += one_tick(paths, fds, n);
    long spent = cpu_us() - start;
    printf("%zu %ld %d %.1f %ld\n", n, open_count, ticks, ticks > 0 ? (double) spent / ticks : 0.0, sum);
    return 0;
}
