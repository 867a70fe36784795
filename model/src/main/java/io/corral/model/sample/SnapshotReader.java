package io.corral.model.sample;

import io.corral.model.cgroup.CgroupLayout;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupTreeReader;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.cgroup.TreeSource;
import io.corral.model.input.InvalidInputException;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ProcessInfo;
import io.corral.model.proc.ProcessTable;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads one {@link HostSnapshot}: hierarchies, their group trees, and (optionally) every
 * process. One reading thread at a time (the mount table and host facts are kept between
 * readings, {@link TickFacts}).
 */
public final class SnapshotReader implements AutoCloseable {
    private final CgroupFs fs;
    private final ProcFs procfs;
    private final TreeSource trees;
    private final Clock clock;
    private final TickFacts tickFacts;
    /** Made on the first reading with processes (one reused buffer, parsed files kept between readings). */
    private ProcessTable processTable;

    public SnapshotReader(CgroupFs fs, ProcFs procfs, TreeSource trees, Clock clock) {
        this.fs = fs;
        this.procfs = procfs;
        this.trees = trees;
        this.clock = clock;
        this.tickFacts = new TickFacts(fs, procfs);
    }

    public SnapshotReader(CgroupFs fs, ProcFs procfs) {
        this(fs, procfs, new GroupTreeReader(fs), Clock.systemUTC());
    }

    /**
     * The reader for a console that samples all day: group trees kept up to date between
     * snapshots ({@link TrackedTrees}: kept fds, directory watches, membership from /proc).
     * Close it to give the fds back.
     */
    public static SnapshotReader tracking(CgroupFs fs, ProcFs procfs) {
        return new SnapshotReader(fs, procfs, new TrackedTrees(fs, procfs, TrackedTrees.Options.live()),
                Clock.systemUTC());
    }

    /** On one host root (the real {@code /} or a fixture tree), reading everything on every call. */
    public static SnapshotReader onRoot(Path hostRoot) {
        return new SnapshotReader(new CgroupFs(hostRoot), new ProcFs(hostRoot));
    }

    /** The whole host, with processes. */
    public HostSnapshot read() throws KernelException {
        return read(Optional.empty(), true);
    }

    /**
     * @param scope     only these hierarchies and the subtree at the spec's path (hierarchies
     *                  without that group are left out); empty for everything
     * @param processes also read every process of /proc
     * @throws KernelException if the mount table itself cannot be read
     */
    public HostSnapshot read(Optional<GroupSpec> scope, boolean processes) throws KernelException {
        return read(scope, processes, null);
    }

    /**
     * The same reading, handing {@code partial} what is known on the way (a console's first
     * reading, which takes seconds on a host with thousands of groups): first every group
     * tree by name only (a walk of the directories), then after each hierarchy is read the
     * snapshot with that tree read, the others still by name; processes come with the
     * returned snapshot only. Partial snapshots are marked {@link HostSnapshot#partial()}.
     *
     * @param partial on this thread, before this method returns; null: none
     */
    public HostSnapshot read(Optional<GroupSpec> scope, boolean processes, Consumer<HostSnapshot> partial)
            throws KernelException {
        long nanos = System.nanoTime();
        List<ReadProblem> problems = new ArrayList<>();
        List<Hierarchy> all = tickFacts.hierarchies();
        List<Hierarchy> chosen = all;
        GroupPath start = GroupPath.ROOT;
        if (scope.isPresent()) {
            try {
                chosen = scope.get().select(all);
            } catch (InvalidInputException e) {
                chosen = List.of();
                problems.add(new ReadProblem(scope.get().toString(), e.getMessage()));
            }
            start = scope.get().path();
        }
        Facts facts = new Facts(tickFacts.hostName(problems), tickFacts.kernelRelease(problems),
                tickFacts.cpuCount(problems), CgroupLayout.of(all));
        // One slot per chosen hierarchy: its tree by name until it is read (empty: no such group).
        List<Optional<HierarchyTree>> slots = new ArrayList<>();
        if (partial != null) {
            GroupTreeReader names = GroupTreeReader.namesOnly(fs);
            for (Hierarchy h : chosen) {
                slots.add(names.read(h, start, problems));
            }
            partial.accept(snapshot(facts, nanos, slots, 0, new TreeMap<>(), problems, true, Map.of(), Map.of()));
        }
        trees.beginSnapshot(all, problems);
        Map<String, Long> readNanos = new HashMap<>();
        Map<String, Long> readTook = new HashMap<>();
        for (int i = 0; i < chosen.size(); i++) {
            long from = System.nanoTime();
            Optional<HierarchyTree> t = trees.read(chosen.get(i), start, problems);
            long took = System.nanoTime() - from;
            readNanos.put(chosen.get(i).id(), from + took / 2);
            readTook.put(chosen.get(i).id(), took);
            if (partial == null) {
                slots.add(t);
            } else {
                slots.set(i, t);
                partial.accept(snapshot(facts, nanos, slots, i + 1, new TreeMap<>(), problems, true, readNanos, readTook));
            }
        }
        TreeMap<Integer, ProcessInfo> procs = new TreeMap<>();
        if (processes) {
            long from = System.nanoTime();
            readProcesses(procs, problems);
            long took = System.nanoTime() - from;
            readNanos.put(HostSnapshot.PROCESSES, from + took / 2);
            readTook.put(HostSnapshot.PROCESSES, took);
        }
        return snapshot(facts, nanos, slots, slots.size(), procs, problems, false, readNanos, readTook);
    }

    /** What a snapshot says about the host besides its groups and processes. */
    private record Facts(String hostName, String kernelRelease, int cpuCount, CgroupLayout layout) {
    }

    /** @param read slots before this index hold read trees, the others trees by name */
    private HostSnapshot snapshot(Facts f, long nanos, List<Optional<HierarchyTree>> slots, int read,
                                  TreeMap<Integer, ProcessInfo> procs, List<ReadProblem> problems, boolean partial,
                                  Map<String, Long> readNanos, Map<String, Long> readTook) {
        List<HierarchyTree> treeList = new ArrayList<>();
        Set<String> namesOnly = new HashSet<>();
        for (int i = 0; i < slots.size(); i++) {
            Optional<HierarchyTree> t = slots.get(i);
            if (t.isPresent()) {
                treeList.add(t.get());
                if (i >= read) {
                    namesOnly.add(t.get().hierarchy().id());
                }
            }
        }
        return new HostSnapshot(clock.instant(), nanos, f.hostName(), f.kernelRelease(), f.cpuCount(), f.layout(),
                treeList, procs, problems, namesOnly, partial, readNanos, readTook);
    }

    private void readProcesses(TreeMap<Integer, ProcessInfo> procs, List<ReadProblem> problems) {
        if (processTable == null) {
            processTable = new ProcessTable(procfs);
        }
        processTable.read(procs, problems);
    }

    /** Releases what the tree source keeps open (kept fds, directory watches). */
    @Override
    public void close() {
        trees.close();
    }
}
