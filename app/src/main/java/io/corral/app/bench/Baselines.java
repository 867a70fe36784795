package io.corral.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two programs Corral is compared with, run as child processes whose CPU time is
 * taken from the shell's {@code times} (user + system of reaped children): systemd-cgtop
 * in batch mode, and a C program compiled here with gcc that reads the same files as
 * Corral's sampler with kept-open fds ({@code pread(fd, buf, n, 0)}) or open/read/close.
 */
final class Baselines implements AutoCloseable {
    private final Path work;
    private Path cProgram;

    Baselines() throws IOException {
        this.work = Files.createTempDirectory("corral-bench");
    }

    /** CPU seconds per refresh of systemd-cgtop on the subtree, from two runs (n+1 and 1 iterations). */
    double cgtopSecondsPerRefresh(String root, int refreshes, double delaySeconds) throws IOException {
        double many = cgtopCpu(root, refreshes + 1, delaySeconds);
        double one = cgtopCpu(root, 1, delaySeconds);
        return (many - one) / refreshes;
    }

    private double cgtopCpu(String root, int iterations, double delay) throws IOException {
        String cmd = "systemd-cgtop -b -n " + iterations + " -d " + delay + " " + root + " >/dev/null; times";
        List<String> out = run(List.of("bash", "-c", cmd));
        // times: line 1 = the shell itself, line 2 = its reaped children ("0m0.123s 0m0.045s").
        String[] f = out.get(out.size() - 1).trim().split("\\s+");
        return seconds(f[0]) + seconds(f[1]);
    }

    private static double seconds(String t) {
        int m = t.indexOf('m');
        return Integer.parseInt(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1, t.length() - 1));
    }

    /** Result line of the C baseline. */
    record CResult(int files, int keptOpen, int ticks, double cpuMicrosPerTick) {
    }

    CResult c(List<Path> files, int ticks, int keep, boolean kept) throws IOException {
        if (cProgram == null) {
            Path src = work.resolve("baseline.c");
            try (InputStream in = Baselines.class.getResourceAsStream("baseline.c")) {
                Files.copy(in, src);
            }
            cProgram = work.resolve("baseline");
            run(List.of("gcc", "-O2", "-o", cProgram.toString(), src.toString()));
        }
        Path list = work.resolve("files.txt");
        Files.write(list, files.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        List<String> out = run(List.of(cProgram.toString(), list.toString(), Integer.toString(ticks),
                Integer.toString(keep), kept ? "kept" : "reopen"));
        if (out.isEmpty()) {
            throw new IOException("the C baseline printed nothing");
        }
        String[] f = out.get(out.size() - 1).trim().split("\\s+");
        return new CResult(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                Double.parseDouble(f[3]));
    }

    private static List<String> run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var r = p.inputReader(StandardCharsets.UTF_8)) {
            String l;
            while ((l = r.readLine()) != null) {
                lines.add(l);
            }
        }
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed (" + p.exitValue() + "): " + String.join(" | ", lines));
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        try (var s = Files.list(work)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(work);
    }
}
