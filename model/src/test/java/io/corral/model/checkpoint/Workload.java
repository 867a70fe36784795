package io.corral.model.checkpoint;

import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test workload of {@code workload.c} (compiled with gcc at test time): a parent and
 * children incrementing counters in files, holding an open file, a pipe and a listening
 * TCP socket on 127.0.0.1. Started in its own pid+mount namespace, or in ours.
 */
public final class Workload {
    public static final Tasks TASKS = Tasks.live();

    public final Path dir;
    public final int port;
    public final int children;
    public final long init;
    public final Process launcher;

    private Workload(Path dir, int port, int children, long init, Process launcher) {
        this.dir = dir;
        this.port = port;
        this.children = children;
        this.init = init;
        this.launcher = launcher;
    }

    /** Compiles workload.c into {@code dir}; skips the test (printing why) without gcc. */
    public static Path compile(Path dir) throws IOException, InterruptedException {
        Path src = dir.resolve("workload.c");
        try (InputStream in = Workload.class.getResourceAsStream("workload.c")) {
            Files.write(src, in.readAllBytes());
        }
        Path bin = dir.resolve("workload");
        Process p;
        try {
            p = new ProcessBuilder("gcc", "-O1", "-o", bin.toString(), src.toString()).inheritIO().start();
        } catch (IOException e) {
            System.out.println("SKIPPED CRIU test: gcc not available: " + e.getMessage());
            Assumptions.abort("gcc not available");
            throw e;
        }
        if (p.waitFor() != 0) {
            throw new IOException("gcc failed on workload.c");
        }
        return bin;
    }

    /**
     * Launches the workload, places its first process into {@code groups}, then lets it fork
     * its children (which inherit the groups).
     */
    public static Workload launch(LiveCgroups live, Path bin, Path dir, int children, boolean ownPidNamespace,
                           List<Path> groups) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        if (ownPidNamespace) {
            // The namespace's init must lead its own session (setsid), or CRIU refuses.
            cmd.addAll(List.of("unshare", "--pid", "--fork", "--mount", "--mount-proc", "setsid"));
        } else {
            cmd.add("setsid");
        }
        cmd.addAll(List.of(bin.toString(), dir.toString(), Integer.toString(port), Integer.toString(children)));
        Process p = live.start(cmd.toArray(String[]::new));
        long init = -1;
        for (int i = 0; i < 500 && init < 0; i++) {
            List<Long> candidates = ownPidNamespace ? TASKS.children(p.pid()) : List.of(p.pid());
            for (long c : candidates) {
                if (TASKS.comm(c).map("workload"::equals).orElse(false)) {
                    init = c;
                }
            }
            Thread.sleep(10);
        }
        if (init < 0) {
            throw new IOException("workload did not start");
        }
        for (Path g : groups) {
            live.moveInto(g, init);
        }
        Files.writeString(dir.resolve("go"), "");
        Workload w = new Workload(dir, port, children, init, p);
        for (int i = 0; i < 500 && (TASKS.subtree(init).size() < children + 1 || w.counter("parent") < 3); i++) {
            Thread.sleep(10);
        }
        if (TASKS.subtree(init).size() != children + 1) {
            throw new IOException("workload has " + TASKS.subtree(init) + " processes, expected " + (children + 1));
        }
        return w;
    }

    public long counter(String name) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
            return -1;
        }
        String s = Files.readString(f).trim();
        return s.isEmpty() ? -1 : Long.parseLong(s);
    }

    /** Waits until the counter passes {@code above}; returns its value, or -1 after 5 s. */
    public long counterAbove(String name, long above) throws IOException, InterruptedException {
        for (int i = 0; i < 250; i++) {
            long v = counter(name);
            if (v > above) {
                return v;
            }
            Thread.sleep(20);
        }
        return -1;
    }

    /** Asks the workload's TCP socket for the parent's counter. */
    public long ask() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(3000);
            String line = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return Long.parseLong(line);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static List<Long> procs(Path group) throws IOException {
        List<Long> out = new ArrayList<>();
        for (String l : Files.readAllLines(group.resolve("cgroup.procs"))) {
            if (!l.isBlank()) {
                out.add(Long.parseLong(l.trim()));
            }
        }
        return out;
    }
}
