package io.corral.app.bench;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.GroupTreeReader;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.HotCounters;
import io.corral.model.sample.Rates;
import io.corral.model.sample.SnapshotReader;
import io.corral.model.sample.TrackedTrees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code corral bench}: builds N real groups, then measures the CPU one refresh of the
 * whole subtree costs in Corral's sampler, in systemd-cgtop and in a C baseline reading the
 * same files, and prints the ratios. Needs root; removes every group it made.
 */
@Command(name = "bench", description = "Measure the sampler against systemd-cgtop and a C baseline on N real groups.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--groups", split = ",", defaultValue = "100,1000,5000",
            description = "group counts to build, one run each (default ${DEFAULT-VALUE})")
    List<Integer> groups;

    @Option(names = "--ticks", defaultValue = "10", description = "refreshes measured per program (default ${DEFAULT-VALUE})")
    int ticks;

    @Option(names = "--delay", defaultValue = "0.1", description = "seconds between refreshes (default ${DEFAULT-VALUE})")
    double delay;

    @Option(names = "--fd-budget", defaultValue = "16000",
            description = "files Corral and the C baseline may keep open (hard limit here: 20000)")
    int fdBudget;

    @Option(names = "--warm-every", defaultValue = "300",
            description = "ticks between two full readings of a group (limits, other counters; default ${DEFAULT-VALUE})")
    int warmEvery;

    @Option(names = "--corral-only", description = "measure Corral alone (no systemd-cgtop, no C baseline)")
    boolean corralOnly;

    @Option(names = "--gui", description = "instead: the console with the groups expanded; FX pulse times, first frame, RSS")
    boolean gui;

    @Option(names = "--processes", description = "Corral also reads every process of /proc on each tick, as the console does")
    boolean processes;

    @Option(names = "--histogram", defaultValue = "0", paramLabel = "LINES",
            description = "also print this many lines of the live class histogram with the reader at its last tick")
    int histogram;

    @Option(names = "--churn", defaultValue = "0", paramLabel = "N",
            description = "during the measured ticks, another job makes N groups in every hierarchy under the bench's"
                    + " parent and removes them, over and over (discovery under churn; default none)")
    int churn;

    @Option(names = "--reader", defaultValue = "tracking",
            description = "Corral reader: tracking (kept fds, inotify) or plain (re-reads everything)")
    String reader;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CgroupFs fs = CgroupFs.live();
        List<Hierarchy> all = new HierarchyDiscovery(fs).discover();
        out.printf("# corral bench: %s, %d CPUs, kernel %s, %s, ticks=%d delay=%.2fs fd-budget=%d reader=%s warm-every=%d"
                        + " processes=%b%n",
                java.time.Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.version"), System.getProperty("java.vm.version"), ticks, delay, fdBudget, reader, warmEvery,
                processes);
        out.println("# N | dirs | cgtop ms/refresh | C kept-fd ms | C reopen ms | Corral ms (thread) | Corral ms (process)"
                + " | Corral/cgtop | Corral/C-kept | alloc KB/tick | files per tick | kept fds"
                + " | of which scan KB/tick | of which trees KB/tick | retained MB | retained bytes/group"
                + " | Rates.between KB/tick | Rates.between ms/tick");
        if (gui) {
            try (BenchTree tree = new BenchTree(fs, all)) {
                tree.build(groups.get(groups.size() - 1));
                GuiProbe.launchedAt = System.nanoTime();
                GuiProbe.jvmToLaunchMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
                javafx.application.Application.launch(GuiProbe.class);
            }
            out.println("# N=" + groups.get(groups.size() - 1) + " " + GuiProbe.result);
            out.flush();
            return 0;
        }
        List<String> rows = new ArrayList<>();
        for (int n : groups) {
            rows.add(runOnce(fs, all, n, out));
        }
        out.flush();
        return 0;
    }

    private String runOnce(CgroupFs fs, List<Hierarchy> all, int n, PrintWriter out) throws Exception {
        try (BenchTree tree = new BenchTree(fs, all); Baselines base = new Baselines()) {
            tree.build(n);
            List<Path> files = new ArrayList<>();
            int dirs = 0;
            for (Hierarchy h : tree.hierarchies()) {
                List<String> hot = HotCounters.files(h, all);
                for (Path g : tree.groups(h)) {
                    dirs++;
                    hot.forEach(f -> files.add(g.resolve(f)));
                }
            }
            long before = RetainedHeap.liveBytes();
            TrackedTrees trees = reader.equals("plain") ? null : new TrackedTrees(fs, ProcFs.live(),
                    new TrackedTrees.Options(fdBudget, 2000, warmEvery, TrackedTrees.Membership.PROC_SCAN));
            CorralCost corral = corral(fs, tree, trees, before, out);
            if (trees != null) {
                files.clear();
                files.addAll(corral.hotFiles());
            }
            // The C baseline may keep exactly as many files open as Corral kept.
            Baselines.CResult none = new Baselines.CResult(files.size(), 0, 0, Double.NaN);
            Baselines.CResult kept = corralOnly ? none : base.c(files, Math.max(ticks, 20), corral.keptFiles(), true);
            Baselines.CResult reopen = corralOnly ? none : base.c(files, Math.max(ticks, 20), corral.keptFiles(), false);
            double cgtop = corralOnly ? Double.NaN : base.cgtopSecondsPerRefresh("/" + tree.parent(), ticks, delay) * 1000;
            String row = String.format("%d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f | %.2f | %.1f | %d | %d | %.1f | %.1f"
                            + " | %.1f | %.0f | %.1f | %.2f",
                    n, dirs, cgtop, kept.cpuMicrosPerTick() / 1000, reopen.cpuMicrosPerTick() / 1000,
                    corral.threadMillis, corral.processMillis, corral.threadMillis / cgtop,
                    corral.threadMillis / (kept.cpuMicrosPerTick() / 1000), corral.allocatedBytes / 1024.0,
                    kept.files(), kept.keptOpen(), corral.scanBytes / 1024.0, corral.treeBytes / 1024.0,
                    corral.retainedBytes / 1e6, (double) corral.retainedBytes / Math.max(1, corral.groups),
                    corral.ratesKilobytes, corral.ratesMillis);
            out.println(row);
            out.flush();
            return row;
        }
    }

    private record CorralCost(double threadMillis, double processMillis, double allocatedBytes, int groups,
                              List<Path> hotFiles, int keptFiles, double scanBytes, double treeBytes,
                              long retainedBytes, double ratesKilobytes, double ratesMillis) {
    }

    /** @param heapBefore live heap before the tree source was made ({@link RetainedHeap#liveBytes}) */
    private CorralCost corral(CgroupFs fs, BenchTree benchTree, TrackedTrees trees, long heapBefore, PrintWriter out)
            throws Exception {
        GroupSpec scope = GroupSpec.parse("/" + benchTree.parent());
        MeteredTrees metered = new MeteredTrees(trees == null ? new GroupTreeReader(fs) : trees);
        SnapshotReader r = new SnapshotReader(fs, ProcFs.live(), metered, java.time.Clock.systemUTC());
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long tid = Thread.currentThread().getId();
        int groupsSeen = 0;
        // Warm-up: the first readings open files, register watches and let the JIT compile.
        for (int i = 0; i < 5; i++) {
            groupsSeen = count(r.read(Optional.of(scope), processes));
            Thread.sleep((long) (delay * 1000));
        }
        long cpu = 0;
        long alloc = 0;
        metered.reset();
        long proc0 = os.getProcessCpuTime();
        long sleptNanos = 0;
        HostSnapshot previous = r.read(Optional.of(scope), processes);
        long ratesAlloc = 0;
        long ratesCpu = 0;
        BenchTree.Churn churning = churn > 0 ? benchTree.churn(churn) : null;
        long wall0 = System.nanoTime();
        for (int i = 0; i < ticks; i++) {
            if (churning != null && !churning.running()) {
                throw new IllegalStateException("the churn stopped: " + churning.output());
            }
            long c0 = threads.getCurrentThreadCpuTime();
            long a0 = threads.getThreadAllocatedBytes(tid);
            HostSnapshot s = r.read(Optional.of(scope), processes);
            alloc += threads.getThreadAllocatedBytes(tid) - a0;
            cpu += threads.getCurrentThreadCpuTime() - c0;
            // What a console does next with each snapshot (outside the reader's columns).
            long a1 = threads.getThreadAllocatedBytes(tid);
            long c1 = threads.getCurrentThreadCpuTime();
            Rates.between(previous, s);
            ratesAlloc += threads.getThreadAllocatedBytes(tid) - a1;
            ratesCpu += threads.getCurrentThreadCpuTime() - c1;
            previous = s;
            groupsSeen = count(s);
            long t0 = System.nanoTime();
            Thread.sleep((long) (delay * 1000));
            sleptNanos += System.nanoTime() - t0;
        }
        long proc = os.getProcessCpuTime() - proc0;
        if (churning != null) {
            churning.close();
            double secs = (System.nanoTime() - wall0) / 1e9;
            out.printf("# churn: %d groups made or removed in %.1f s (%.0f/s) in %d hierarchies; the sampler's"
                            + " beginSnapshot (events, relisting, new groups read) allocated %.1f KB/tick, %.1f MB per 30 ticks%n",
                    churning.changes(), secs, churning.changes() / secs, benchTree.hierarchies().size(),
                    metered.beginBytes() / 1024.0 / ticks, metered.beginBytes() / 1e6 / ticks * 30);
            out.flush();
        }
        // What the reader keeps between ticks, with its last snapshot and rates (a console holds one or two).
        HostSnapshot last = r.read(Optional.of(scope), processes);
        Rates rates = Rates.between(previous, last);
        long retained = RetainedHeap.liveBytes() - heapBefore;
        if (histogram > 0) {
            spec.commandLine().getOut().println(RetainedHeap.histogram(histogram));
        }
        java.lang.ref.Reference.reachabilityFence(last);
        java.lang.ref.Reference.reachabilityFence(rates);
        double scan = (double) metered.beginBytes() / ticks;
        double tree = (double) metered.readBytes() / ticks;
        List<Path> hot = trees == null ? List.of() : trees.hotFiles();
        int kept = trees == null ? fdBudget : trees.keptFiles();
        if (trees != null) {
            // Same result as reading everything again? The groups are idle, but the kernel may
            // still change a counter between the two readings (the parent's memory usage falls
            // as it frees the new groups' kernel memory): a stale value stays, a race does not.
            try (SnapshotReader plain = new SnapshotReader(fs, ProcFs.live())) {
                String difference = null;
                for (int attempt = 0; attempt < 3; attempt++) {
                    HostSnapshot a = r.read(Optional.of(scope), false);
                    HostSnapshot b = plain.read(Optional.of(scope), false);
                    difference = a.hierarchies().equals(b.hierarchies()) ? null : firstDifference(a, b);
                    if (difference == null) {
                        break;
                    }
                    Thread.sleep((long) (delay * 1000));
                }
                if (difference != null) {
                    spec.commandLine().getErr().println("corral bench: WARNING: the tracking reader's trees differ from"
                            + " a full reading three times in a row" + difference);
                }
            }
        }
        r.close();
        return new CorralCost(cpu / 1e6 / ticks, proc / 1e6 / ticks, (double) alloc / ticks, groupsSeen, hot, kept,
                scan, tree, retained, ratesAlloc / 1024.0 / ticks, ratesCpu / 1e6 / ticks);
    }

    /** Where two readings of the same trees differ first: hierarchy, group, both versions (without children). */
    private static String firstDifference(HostSnapshot tracked, HostSnapshot full) {
        for (int i = 0; i < Math.min(tracked.hierarchies().size(), full.hierarchies().size()); i++) {
            var t = tracked.hierarchies().get(i).root().flatten();
            var f = full.hierarchies().get(i).root().flatten();
            for (int j = 0; j < Math.min(t.size(), f.size()); j++) {
                var x = t.get(j).withChildren(List.of());
                var y = f.get(j).withChildren(List.of());
                if (!x.equals(y)) {
                    return ": in " + tracked.hierarchies().get(i).hierarchy().id() + "\n  tracked: " + x + "\n  full:    " + y;
                }
            }
            if (t.size() != f.size()) {
                return ": " + t.size() + " groups tracked, " + f.size() + " read in " + tracked.hierarchies().get(i).hierarchy().id();
            }
        }
        return ": " + tracked.hierarchies().size() + " hierarchies tracked, " + full.hierarchies().size() + " read";
    }

    private static int count(HostSnapshot s) {
        return s.hierarchies().stream().mapToInt(t -> t.root().flatten().size()).sum();
    }
}
