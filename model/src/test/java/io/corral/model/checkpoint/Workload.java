package io.corral.model.checkpoint;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.launch.LaunchException;
import io.corral.model.launch.LaunchSpec;
import io.corral.model.launch.Launched;
import io.corral.model.launch.Launcher;
import io.corral.model.launch.LogDirectory;
import io.corral.model.namespace.IdMapWriter;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.proc.ProcFs;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The test workload of {@code workload.c} (compiled with gcc at test time): a parent and
 * children incrementing counters in files, holding an open file, a pipe and a listening
 * TCP socket on 127.0.0.1. Started like {@code corral launch} does, in its own pid+mount
 * namespace or in ours.
 */
public final class Workload {
    public static final ProcFs PROC = ProcFs.live();

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
     * Launches the workload the way {@code corral launch} does (the namespaces' launcher:
     * paused, placed into {@code groups}, released; with a pid namespace also a mount
     * namespace, an init that leads its session, stdio opened inside), then lets it fork its
     * children. {@link #init} is the root of the tree to dump: the pid namespace's init, or
     * the workload itself.
     */
    public static Workload launch(LiveCgroups live, Path bin, Path dir, int children, boolean ownPidNamespace,
                                  List<Path> groups) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        Set<NamespaceType> ns = ownPidNamespace ? Set.of(NamespaceType.PID, NamespaceType.MNT) : Set.of();
        Launcher launcher = new Launcher(CgroupFs.live(), ProcFs.live(), IdMapWriter.live(),
                new LogDirectory(dir.resolve("logs")));
        Launched l;
        try {
            l = launcher.launch(LaunchSpec.of(List.of(bin.toString(), dir.toString(), Integer.toString(port),
                    Integer.toString(children)), ns, groups));
        } catch (LaunchException e) {
            throw new IOException(e.getMessage(), e);
        }
        live.own(l.process());
        long init = ownPidNamespace ? l.awaitInit(Duration.ofSeconds(5)).orElseThrow() : l.pid();
        long command = l.awaitCommand(Duration.ofSeconds(5)).orElseThrow();
        for (int i = 0; i < 500 && !PROC.comm(command).map("workload"::equals).orElse(false); i++) {
            Thread.sleep(10);
        }
        Files.writeString(dir.resolve("go"), "");
        Workload w = new Workload(dir, port, children, init, l.process());
        int size = children + (ownPidNamespace ? 2 : 1);
        for (int i = 0; i < 500 && (PROC.subtree(init).size() < size || w.counter("parent") < 3); i++) {
            Thread.sleep(10);
        }
        if (PROC.subtree(init).size() != size) {
            throw new IOException("workload has " + PROC.subtree(init) + " processes, expected " + size);
        }
        return w;
    }

    /** Launches any command in new pid+mount namespaces into {@code groups}; returns the namespace's init. */
    public static long launchInPidNamespace(LiveCgroups live, Path logs, List<String> command, List<Path> groups)
            throws IOException, InterruptedException {
        Launcher launcher = new Launcher(CgroupFs.live(), ProcFs.live(), IdMapWriter.live(), new LogDirectory(logs));
        try {
            Launched l = launcher.launch(LaunchSpec.of(command, Set.of(NamespaceType.PID, NamespaceType.MNT), groups));
            live.own(l.process());
            return l.awaitInit(Duration.ofSeconds(5)).orElseThrow();
        } catch (LaunchException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Takes over a workload started elsewhere (e.g. by {@code corral launch}) whose tree root
     * is {@code init}: lets it fork and waits until its tree is complete.
     */
    /** The command names of the processes, "?" for one that is gone. */
    public static List<String> comms(List<Long> pids) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (long p : pids) {
            out.add(PROC.comm(p).orElse("?"));
        }
        return out;
    }

    public static Workload adopt(Path dir, int port, int children, long init, boolean ownPidNamespace)
            throws IOException, InterruptedException {
        for (int i = 0; i < 500 && !comms(PROC.subtree(init)).contains("workload"); i++) {
            Thread.sleep(10);
        }
        Files.writeString(dir.resolve("go"), "");
        Workload w = new Workload(dir, port, children, init, null);
        int size = w.treeSize(ownPidNamespace);
        for (int i = 0; i < 500 && (PROC.subtree(init).size() < size || w.counter("parent") < 3); i++) {
            Thread.sleep(10);
        }
        if (PROC.subtree(init).size() != size) {
            throw new IOException("workload has " + PROC.subtree(init) + " processes, expected " + size);
        }
        return w;
    }

    /** Processes of the dumped tree: an init shell, the parent and its children (pid namespace), or parent and children. */
    public int treeSize(boolean ownPidNamespace) {
        return children + (ownPidNamespace ? 2 : 1);
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

    public static int freePort() throws IOException {
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
