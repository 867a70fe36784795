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
     * Starts another job's churn inside the tree: a thread makes {@code n} groups
     * {@code churn/c00000...} in every chosen hierarchy, then removes them, and again, until
     * the returned handle is closed (which waits for it and removes what is left). Returns the
     * groups made plus removed so far through {@link Churn#changes()}.
     */
    Churn churn(int n) throws KernelException {
        List<Path> tops = new ArrayList<>();
        for (Hierarchy h : hierarchies) {
            Path top = fs.onHost(h.mount()).resolve(parent).resolve("churn");
            fs.mkdir(top);
            made.add(top);
            tops.add(top);
        }
        Churn c = new Churn(tops, n);
        c.thread.start();
        return c;
    }

    /** A running churn ({@link #churn}). */
    final class Churn implements AutoCloseable {
        private final List<Path> tops;
        private final int n;
        private final Thread thread = new Thread(this::run, "corral-bench-churn");
        private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean stop;

        private Churn(List<Path> tops, int n) {
            this.tops = tops;
            this.n = n;
            thread.setDaemon(true);
        }

        long changes() {
            return changes.get();
        }

        private void run() {
            // Another job: its own CgroupFs, so the sampler does not take these for the console's own writes.
            CgroupFs fs = CgroupFs.live();
            for (boolean making = true; !stop; making = !making) {
                for (int i = 0; i < n && !stop; i++) {
                    for (Path top : tops) {
                        Path c = top.resolve(String.format("c%05d", i));
                        try {
                            if (making) {
                                fs.mkdir(c);
                                made.add(c);
                            } else {
                                fs.rmdir(c);
                                made.remove(c);
                            }
                            changes.incrementAndGet();
                        } catch (KernelException e) {
                            // there already, or not made: go on
                        }
                    }
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join();
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
