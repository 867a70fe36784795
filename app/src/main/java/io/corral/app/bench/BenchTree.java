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
    private final List<Path> made = Collections.synchronizedList(new ArrayList<>());
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
