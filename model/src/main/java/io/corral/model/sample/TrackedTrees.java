package io.corral.model.sample;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupReader;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.cgroup.TreeSource;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.DirectoryWatch;
import io.corral.model.kernel.KeptFiles;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.proc.PidTable;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.TaskCgroups;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Group trees that cost little to read again: the same {@link HierarchyTree}s as
 * {@link io.corral.model.cgroup.GroupTreeReader}, kept up to date between snapshots.
 * <ul>
 * <li>Discovery: one inotify watch per group directory ({@link DirectoryWatch}); only
 * directories that reported a created/removed subdirectory are listed again. Where the
 * kernel refuses a watch or drops events, the tree is re-listed instead.</li>
 * <li>Counters: the few {@link HotCounters} per group are re-read every tick through kept
 * fds ({@link CounterFiles}, {@link KeptFiles}) into one reused direct buffer and compared
 * with the previous reading (length and a 64-bit fingerprint); a group whose hot files did not change keeps its
 * previous {@link io.corral.model.cgroup.Group} object (no parsing, no allocation). When a hot file changed, and for
 * {@value #ACTIVE_TICKS} ticks after, the group's usage counters (all of them, in every
 * hierarchy that has the group) are read again on every tick.</li>
 * <li>Limits, configuration and the other counters ("warm") are read again at the next
 * tick after anyone wrote to one of the group's files (inotify IN_MODIFY, which the VFS
 * sends for every write; and {@link CgroupFs#addChangeListener} for this process's own
 * writes), and round-robin every {@code warmEvery} ticks as a safety net (for counters
 * the kernel changes without events, such as v1 {@code cpu.stat} throttling and pressure
 * averages). The round-robin first takes a fingerprint of every file a full reading reads
 * ({@link GroupReader#filesRead}, read with libc calls into the same buffer) and reads the
 * group again only if it differs from the one taken before the last full reading: an idle
 * group costs a few syscalls and no allocation.</li>
 * <li>Membership: from one scan of every task's {@code /proc/PID/task/TID/cgroup}
 * ({@link TaskCgroups}), or by opening the membership files fresh ({@link Membership#FILES},
 * for fixture trees whose /proc does not match their groups).</li>
 * </ul>
 * A group removed and recreated under the same path is a new group (new inode, new fds).
 * The tree bookkeeping of one hierarchy is {@link TrackedHierarchy}.
 * One sampler thread owns an instance; change notifications may come from any thread.
 */
public final class TrackedTrees implements TreeSource {

    public enum Membership { PROC_SCAN, FILES }

    /**
     * @param fdBudget     cgroupfs files kept open at most (the hard fd limit here is 20 000)
     * @param taskFdBudget /proc task files kept open at most
     * @param warmEvery    ticks between two full readings of a group
     */
    public record Options(int fdBudget, int taskFdBudget, int warmEvery, Membership membership) {
        public Options {
            if (warmEvery < 1) {
                throw new IllegalArgumentException("warmEvery " + warmEvery);
            }
            Objects.requireNonNull(membership);
        }

        /**
         * For this machine: at most 14 000 kept cgroupfs files and 2 000 task files, and never
         * more than half of the fds this process may still open (the soft RLIMIT_NOFILE is
         * often 1024 on desktops; here the hard limit is 20 000 and cannot be raised).
         */
        public static Options live() {
            long room = 16_000;
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.UnixOperatingSystemMXBean u) {
                room = Math.max(0, u.getMaxFileDescriptorCount() - u.getOpenFileDescriptorCount()) / 2;
            }
            int tasks = (int) Math.min(2_000, room / 8);
            int groups = (int) Math.min(14_000, room - tasks);
            return new Options(groups, tasks, 300, Membership.PROC_SCAN);
        }
    }

    static final int ACTIVE_TICKS = 60;

    final CgroupFs fs;
    final GroupReader reader;
    final Options options;
    final CounterFiles counters;
    final TaskCgroups tasks;
    final DirectoryWatch watch;
    final SharedParts shared = new SharedParts();
    private final List<TrackedHierarchy> hierarchies = new ArrayList<>();
    /** Watched nodes by inotify watch descriptor. */
    private final PidTable<TrackedNode> watched = new PidTable<>();
    /** The last tick a hot counter changed, by group path (/proc spelling), over all hierarchies. */
    final Map<String, Long> lastActive = new HashMap<>();
    private final ConcurrentLinkedQueue<Path> written = new ConcurrentLinkedQueue<>();
    private final java.util.function.Consumer<Path> listener = written::add;
    long tick;
    int phases;
    List<Hierarchy> layout = List.of();

    public TrackedTrees(CgroupFs fs, ProcFs procfs, Options options) {
        this(fs, procfs, options, true);
    }

    /** @param watchDirectories false: no inotify, every tree is compared with listings on every tick (the fallback) */
    TrackedTrees(CgroupFs fs, ProcFs procfs, Options options, boolean watchDirectories) {
        this.fs = fs;
        this.reader = new GroupReader(fs);
        this.options = options;
        this.counters = new CounterFiles(fs.hostRoot(), options.fdBudget());
        this.tasks = options.membership() == Membership.PROC_SCAN ? new TaskCgroups(procfs, options.taskFdBudget()) : null;
        DirectoryWatch w = null;
        try {
            w = watchDirectories ? new DirectoryWatch() : null;
        } catch (KernelException e) {
            // no inotify: every tree is re-listed on every tick
        }
        this.watch = w;
        fs.addChangeListener(listener);
    }

    /** Files kept open now (cgroupfs, /proc task files). */
    public int keptFiles() {
        return counters.openCount() + (tasks == null ? 0 : tasks.keptFiles());
    }

    /**
     * Every file read on each tick through a kept fd (hot counters of every tracked group,
     * and the /proc task files of the membership scan), for baselines.
     */
    public List<Path> hotFiles() {
        List<Path> out = new ArrayList<>(tasks == null ? List.of() : tasks.files());
        for (TrackedHierarchy t : hierarchies) {
            t.forEach(n -> {
                for (KeptFiles.Handle h : n.hot) {
                    out.add(h.path());
                }
            });
        }
        return out;
    }

    /** Directories watched now. */
    int watchCount() {
        return watched.size();
    }

    /** Starts watching the node's directory; false if the kernel refused. */
    boolean watch(TrackedNode n) {
        int wd = watch.watch(n.dirBytes);
        if (wd < 0) {
            return false;
        }
        n.watch = wd;
        watched.put(wd, n);
        return true;
    }

    /** Stops watching the node's directory (unless another node watches it now: same directory, same watch). */
    void unwatch(TrackedNode n) {
        if (n.watch > 0 && watched.get(n.watch) == n) {
            watched.remove(n.watch);
            watch.cancel(n.watch);
        }
        n.watch = -1;
    }

    /**
     * The group {@code parent}/{@code name} as another hierarchy tracks it, or null: its path
     * objects are shared, so a host's 5000 groups in six hierarchies keep 5000 paths.
     */
    TrackedNode twin(TrackedHierarchy asking, GroupPath parent, String name) {
        for (TrackedHierarchy t : hierarchies) {
            if (t != asking) {
                TrackedNode p = t.find(parent.names());
                TrackedNode c = p == null ? null : p.child(name);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The node of the directory {@code dir}, or null (events and writes name directories; rare). */
    private TrackedNode find(Path dir) {
        for (TrackedHierarchy t : hierarchies) {
            if (dir.startsWith(t.startDir)) {
                List<String> names = new ArrayList<>(t.start.names());
                for (Path p : t.startDir.relativize(dir)) {
                    if (!p.toString().isEmpty()) {
                        names.add(p.toString());
                    }
                }
                TrackedNode n = t.find(names);
                if (n != null) {
                    return n;
                }
            }
        }
        return null;
    }

    @Override
    public void beginSnapshot(List<Hierarchy> all, List<ReadProblem> problems) {
        layout = List.copyOf(all);
        tick++;
        counters.nextTick();
        if (tasks != null) {
            tasks.scan(problems);
        }
        Map<TrackedNode, Set<String>> events = new HashMap<>();
        Set<TrackedHierarchy> resync = new HashSet<>();
        if (watch != null) {
            watch.drain(new DirectoryWatch.Events() {
                @Override
                public void childChanged(int wd, String child) {
                    TrackedNode n = watched.get(wd);
                    if (n != null) {
                        events.computeIfAbsent(n, k -> new HashSet<>()).add(child);
                    }
                }

                @Override
                public void written(int wd) {
                    TrackedNode n = watched.get(wd);
                    if (n != null) {
                        n.dirty = true; // someone wrote one of its files: a limit, the freezer, ...
                    }
                }

                @Override
                public void overflow() {
                    resync.addAll(hierarchies); // look at everything
                }
            });
        }
        Path p;
        while ((p = written.poll()) != null) {
            TrackedNode n = find(p);
            if (n != null) {
                n.dirty = true; // its own directory: made, renamed
            }
            TrackedNode parent = p.getParent() == null ? null : find(p.getParent());
            if (parent != null) {
                if (n == null && p.getFileName() != null) {
                    events.computeIfAbsent(parent, k -> new HashSet<>()).add(p.getFileName().toString());
                }
                // a written interface file: its group is the parent
                parent.dirty = true;
            }
        }
        for (TrackedHierarchy t : resync) {
            if (t.root != null) {
                t.relistAll(t.root, problems);
            }
        }
        events.forEach((n, names) -> {
            // not if it left the tree meanwhile (removed with its parent, or in the resync)
            if (!resync.contains(n.owner) && n.owner.find(n.path.names()) == n) {
                n.owner.relist(n, names, problems);
            }
        });
        if (tick % ACTIVE_TICKS == 0) {
            lastActive.values().removeIf(t -> t < tick - ACTIVE_TICKS);
        }
        // Subtrees nobody asked for during two snapshots: give their fds and watches back.
        Iterator<TrackedHierarchy> it = hierarchies.iterator();
        while (it.hasNext()) {
            TrackedHierarchy t = it.next();
            if (t.lastUsed < tick - 2) {
                t.drop();
                it.remove();
            }
        }
    }

    @Override
    public Optional<HierarchyTree> read(Hierarchy h, GroupPath start, List<ReadProblem> problems) {
        TrackedHierarchy t = null;
        for (int i = 0; i < hierarchies.size() && t == null; i++) {
            TrackedHierarchy x = hierarchies.get(i);
            if (x.h.equals(h) && x.start.equals(start)) {
                t = x; // the same mount and start (a list: no key to build on every tick)
            }
        }
        if (t == null) {
            try {
                t = new TrackedHierarchy(this, h, start);
            } catch (KernelException e) {
                problems.add(ReadProblem.of(e));
                return Optional.empty();
            }
            hierarchies.add(t);
        }
        t.lastUsed = tick;
        return t.refresh(problems);
    }

    @Override
    public void close() {
        fs.removeChangeListener(listener);
        hierarchies.forEach(TrackedHierarchy::drop);
        hierarchies.clear();
        counters.close();
        if (tasks != null) {
            tasks.close();
        }
        if (watch != null) {
            watch.close();
        }
    }
}
