package io.corral.app.bench;

import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The groups a benchmark builds: one parent {@code corral-test-bench-<random>} with N
 * children in every hierarchy systemd-cgtop reads (on a hybrid host: the v2 hierarchy,
 * which systemd 252 walks for its own tree, and the v1 cpu, cpuacct, memory, blkio and
 * pids hierarchies). {@link #close()} removes every directory it made, deepest first, and
 * a shutdown hook does the same if the JVM is stopped.
 */
final class BenchTree implements AutoCloseable {
    static final List<String> CGTOP_CONTROLLERS = List.of("cpu", "cpuacct", "memory", "blkio", "pids", "io");

    private final CgroupFs fs;
    private final String parent;
    private final List<Hierarchy> hierarchies;
    private final java.util.Set<Path> made = Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    private final Thread hook = new Thread(this::removeAll, "corral-bench-cleanup");

    BenchTree(CgroupFs fs, List<Hierarchy> all) {
        this.fs = fs;
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        this.parent = "corral-test-bench-" + HexFormat.of().formatHex(r);
        this.hierarchies = all.stream()
                .filter(h -> h.mountRoot().equals("/"))
                .filter(h -> h.isV2() || h.controllers().stream().anyMatch(CGTOP_CONTROLLERS::contains))
                .toList();
        Runtime.getRuntime().addShutdownHook(hook);
    }

    String parent() {
        return parent;
    }

    List<Hierarchy> hierarchies() {
        return hierarchies;
    }

    /** Makes the parent and {@code n} children {@code g00000...} in every chosen hierarchy. */
    void build(int n) throws KernelException {
        for (Hierarchy h : hierarchies) {
            Path p = fs.onHost(h.mount()).resolve(parent);
            fs.mkdir(p);
            made.add(p);
            for (int i = 0; i < n; i++) {
                Path c = p.resolve(String.format("g%05d", i));
                fs.mkdir(c);
                made.add(c);
            }
        }
    }

    /**
     * Starts another job's churn inside the tree: another process makes {@code n} groups
     * {@code churn/c00000...} in every chosen hierarchy, then removes them, and again, until
     * the returned handle is closed (which stops it and removes what is left). Another
     * process, not a thread: this JVM's own mkdir/rmdir would reach the sampler as the
     * console's own writes ({@link CgroupFs#addChangeListener}), which another job's do not.
     */
    Churn churn(int n) throws KernelException, java.io.IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", CHURN, Integer.toString(n)));
        for (Hierarchy h : hierarchies) {
            Path top = fs.onHost(h.mount()).resolve(parent).resolve("churn");
            fs.mkdir(top);
            made.add(top);
            command.add(top.toString());
        }
        return new Churn(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Makes and removes N groups under each directory given, counting; prints the count when stopped. */
    private static final String CHURN = String.join("\n",
            "import os, select, sys",
            "n = int(sys.argv[1]); tops = sys.argv[2:]; count = 0",
            "while not select.select([sys.stdin], [], [], 0)[0]:  # until the bench closes our stdin",
            "    for op in (os.mkdir, os.rmdir):",
            "        for i in range(n):",
            "            for t in tops:",
            "                try:",
            "                    op('%s/c%05d' % (t, i)); count += 1",
            "                except OSError:",
            "                    pass",
            "            if i % 50 == 0 and select.select([sys.stdin], [], [], 0)[0]:",
            "                break",
            "print(count, flush=True)");

    /** A running churn ({@link #churn}). */
    final class Churn implements AutoCloseable {
        private final Process process;
        private long changes = -1;

        private Churn(Process process) {
            this.process = process;
        }

        boolean running() {
            return process.isAlive();
        }

        /** What it printed (after it stopped). */
        String output() throws java.io.IOException {
            return new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        }

        /** Groups made plus removed, known once closed (-1 before). */
        long changes() {
            return changes;
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close(); // its stdin: it stops and prints its count
            if (process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                String out = output();
                changes = out.matches("\\d+") ? Long.parseLong(out) : -1;
            } else {
                process.destroyForcibly(); // the process this bench started
                process.waitFor();
            }
            for (Hierarchy h : hierarchies) { // what it left: removed by removeAll with the rest
                Path top = fs.onHost(h.mount()).resolve(parent).resolve("churn");
                for (String name : fs.childGroups(top)) {
                    made.add(top.resolve(name));
                }
            }
        }
    }

    /** Directories of the children (and the parent) in one hierarchy. */
    List<Path> groups(Hierarchy h) {
        Path p = fs.onHost(h.mount()).resolve(parent);
        synchronized (made) {
            return made.stream().filter(x -> x.startsWith(p)).toList();
        }
    }

    private void removeAll() {
        List<Path> todo;
        synchronized (made) {
            todo = new ArrayList<>(made);
            made.clear();
        }
        // Deepest first: a group with children cannot be removed.
        todo.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        int failed = 0;
        for (Path p : todo) {
            try {
                fs.rmdir(p);
            } catch (KernelException e) {
                failed++;
                if (failed <= 3) {
                    System.err.println("corral bench: could not remove " + p + ": " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (and finds nothing left)
        }
    }
}
