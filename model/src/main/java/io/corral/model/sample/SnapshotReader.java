package io.corral.model.sample;

import io.corral.model.cgroup.CgroupLayout;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupTreeReader;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.cgroup.TreeSource;
import io.corral.model.input.InvalidInputException;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ProcessInfo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Reads one {@link HostSnapshot}: hierarchies, their group trees, and (optionally) every process. */
public final class SnapshotReader implements AutoCloseable {
    private final CgroupFs fs;
    private final ProcFs procfs;
    private final TreeSource trees;
    private final Clock clock;

    public SnapshotReader(CgroupFs fs, ProcFs procfs, TreeSource trees, Clock clock) {
        this.fs = fs;
        this.procfs = procfs;
        this.trees = trees;
        this.clock = clock;
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
        long nanos = System.nanoTime();
        List<ReadProblem> problems = new ArrayList<>();
        List<Hierarchy> all = new HierarchyDiscovery(fs).discover();
        trees.beginSnapshot(all, problems);
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
        List<HierarchyTree> treeList = new ArrayList<>();
        for (Hierarchy h : chosen) {
            trees.read(h, start, problems).ifPresent(treeList::add);
        }
        TreeMap<Integer, ProcessInfo> procs = new TreeMap<>();
        if (processes) {
            readProcesses(procs, problems);
        }
        return new HostSnapshot(clock.instant(), nanos, safe(procfs::hostName, problems),
                safe(procfs::kernelRelease, problems), cpuCount(problems), CgroupLayout.of(all), treeList, procs,
                problems);
    }

    private void readProcesses(TreeMap<Integer, ProcessInfo> procs, List<ReadProblem> problems) {
        List<Integer> pids;
        try {
            pids = procfs.pids();
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return;
        }
        for (int pid : pids) {
            try {
                procfs.process(pid).ifPresent(p -> procs.put(pid, p));
            } catch (KernelException e) {
                problems.add(ReadProblem.of(e));
            } catch (MalformedFileException e) {
                problems.add(new ReadProblem("/proc/" + pid + "/" + e.file(), e.getMessage()));
            }
        }
    }

    private interface Text {
        String get() throws KernelException;
    }

    private static String safe(Text t, List<ReadProblem> problems) {
        try {
            return t.get();
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return "";
        }
    }

    private int cpuCount(List<ReadProblem> problems) {
        try {
            return procfs.cpuCount();
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return 1;
        }
    }

    /** Releases what the tree source keeps open (kept fds, directory watches). */
    @Override
    public void close() {
        trees.close();
    }
}
