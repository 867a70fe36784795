package io.corral.model.sample;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupReader;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.cgroup.TreeSource;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.DirStat;
import io.corral.model.kernel.DirectoryWatch;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KeptFiles;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.TaskCgroups;

import java.nio.ByteBuffer;
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
 * fds ({@link KeptFiles}) into one reused direct buffer and compared byte for byte with the
 * previous reading; a group whose hot files did not change keeps its previous
 * {@link Group} object (no parsing, no allocation). When a hot file changed, and for
 * {@value #ACTIVE_TICKS} ticks after, the group's usage counters (all of them, in every
 * hierarchy that has the group) are read again on every tick.</li>
 * <li>Limits, configuration and the other counters ("warm") are read again at the next
 * tick after anyone wrote to one of the group's files (inotify IN_MODIFY, which the VFS
 * sends for every write; and {@link CgroupFs#addChangeListener} for this process's own
 * writes), and round-robin every {@code warmEvery} ticks as a safety net (for counters
 * the kernel changes without events, such as v1 {@code cpu.stat} throttling and pressure
 * averages).</li>
 * <li>Membership: from one scan of every task's {@code /proc/PID/task/TID/cgroup}
 * ({@link TaskCgroups}), or by opening the membership files fresh ({@link Membership#FILES},
 * for fixture trees whose /proc does not match their groups).</li>
 * </ul>
 * A group removed and recreated under the same path is a new group (new inode, new fds).
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

    private static final Set<Map.Entry<String, TrackedNode>> NO_CHILDREN = Set.of();
    static final int ACTIVE_TICKS = 60;

    private final CgroupFs fs;
    private final GroupReader reader;
    private final Options options;
    private final KeptFiles files;
    private final TaskCgroups tasks;
    private final DirectoryWatch watch;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(16_384);
    private final Map<String, TrackedHierarchy> hierarchies = new HashMap<>();
    private final Map<Path, TrackedNode> byDir = new HashMap<>();
    private final Map<TrackedNode, TrackedHierarchy> owner = new HashMap<>();
    /** The last tick a hot counter changed, by group path (/proc spelling), over all hierarchies. */
    private final Map<String, Long> lastActive = new HashMap<>();
    private final ConcurrentLinkedQueue<Path> written = new ConcurrentLinkedQueue<>();
    private final java.util.function.Consumer<Path> listener = written::add;
    private long tick;
    private int phases;
    private List<Hierarchy> layout = List.of();

    public TrackedTrees(CgroupFs fs, ProcFs procfs, Options options) {
        this.fs = fs;
        this.reader = new GroupReader(fs);
        this.options = options;
        this.files = new KeptFiles(fs.hostRoot(), options.fdBudget());
        this.tasks = options.membership() == Membership.PROC_SCAN ? new TaskCgroups(procfs, options.taskFdBudget()) : null;
        DirectoryWatch w;
        try {
            w = new DirectoryWatch(fs.hostRoot());
        } catch (KernelException e) {
            w = null; // no inotify: every tree is re-listed on every tick
        }
        this.watch = w;
        fs.addChangeListener(listener);
    }

    /** Files kept open now (cgroupfs, /proc task files). */
    public int keptFiles() {
        return files.openCount() + (tasks == null ? 0 : tasks.keptFiles());
    }

    /**
     * Every file read on each tick through a kept fd (hot counters of every tracked group,
     * and the /proc task files of the membership scan), for baselines.
     */
    public List<Path> hotFiles() {
        List<Path> out = new ArrayList<>(tasks == null ? List.of() : tasks.files());
        for (TrackedNode n : byDir.values()) {
            for (KeptFiles.Handle h : n.hot) {
                out.add(h.path());
            }
        }
        return out;
    }

    @Override
    public void beginSnapshot(List<Hierarchy> all, List<ReadProblem> problems) {
        layout = List.copyOf(all);
        tick++;
        files.nextTick();
        if (tasks != null) {
            tasks.scan(problems);
        }
        Map<TrackedNode, Set<String>> events = new HashMap<>();
        Set<TrackedHierarchy> resync = new HashSet<>();
        if (watch != null) {
            for (DirectoryWatch.Change c : watch.drain()) {
                TrackedNode n = byDir.get(c.dir());
                if (n == null) {
                    if (c.child().isEmpty()) {
                        resync.addAll(hierarchies.values()); // overflow somewhere: look at everything
                    }
                    continue;
                }
                if (c.child().isEmpty()) {
                    resync.add(owner.get(n));
                } else if (c.written()) {
                    n.dirty = true; // someone wrote one of its files: a limit, the freezer, ...
                } else {
                    events.computeIfAbsent(n, k -> new HashSet<>()).add(c.child().get());
                }
            }
        }
        Path p;
        while ((p = written.poll()) != null) {
            TrackedNode n = byDir.get(p);
            if (n != null) {
                n.dirty = true; // its own directory: made, renamed
            }
            TrackedNode parent = byDir.get(p.getParent());
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
            TrackedHierarchy t = owner.get(n);
            if (t != null && !resync.contains(t)) {
                t.relist(n, names, problems);
            }
        });
        if (tick % ACTIVE_TICKS == 0) {
            lastActive.values().removeIf(t -> t < tick - ACTIVE_TICKS);
        }
        // Subtrees nobody asked for during two snapshots: give their fds and watches back.
        Iterator<TrackedHierarchy> it = hierarchies.values().iterator();
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
        String key = h.id() + "\0" + h.mount() + "\0" + h.mountRoot() + "\0" + start;
        TrackedHierarchy t = hierarchies.computeIfAbsent(key, k -> new TrackedHierarchy(h, start));
        t.lastUsed = tick;
        return t.refresh(problems);
    }

    @Override
    public void close() {
        fs.removeChangeListener(listener);
        hierarchies.values().forEach(TrackedHierarchy::drop);
        hierarchies.clear();
        files.close();
        if (tasks != null) {
            tasks.close();
        }
        if (watch != null) {
            watch.close();
        }
    }

    /** One hierarchy's subtree at one start path. */
    private final class TrackedHierarchy {
        final Hierarchy h;
        final GroupPath start;
        final Path startDir;
        final List<String> hotNames;
        TrackedNode root;
        HierarchyTree published;
        boolean unwatched = watch == null;
        long lastUsed;

        TrackedHierarchy(Hierarchy h, GroupPath start) {
            this.h = h;
            this.start = start;
            Path d = fs.onHost(h.mount());
            for (String name : start.names()) {
                d = d.resolve(name);
            }
            this.startDir = d;
            // The hot set is chosen per host layout; the caller gives us one hierarchy at a time.
            this.hotNames = HotCounters.files(h, layout);
        }

        Optional<HierarchyTree> refresh(List<ReadProblem> problems) {
            Optional<DirStat> st;
            try {
                st = fs.stat(startDir);
            } catch (KernelException e) {
                problems.add(ReadProblem.of(e));
                return Optional.empty();
            }
            if (st.isEmpty()) {
                drop();
                return Optional.empty();
            }
            if (root == null || root.inode != st.get().inode()) {
                drop();
                root = create(start, startDir, st.get(), problems);
                if (root == null) {
                    return Optional.empty();
                }
            } else if (unwatched) {
                relistAll(root, problems);
            }
            Group g = update(root, problems);
            if (g == null) {
                drop();
                return Optional.empty();
            }
            if (published == null || published.root() != g) {
                published = new HierarchyTree(h, g);
            }
            return Optional.of(published);
        }

        /** Makes a node and its subtree; null if the directory is gone. */
        TrackedNode create(GroupPath path, Path dir, DirStat st, List<ReadProblem> problems) {
            KeptFiles.Handle[] hot = new KeptFiles.Handle[hotNames.size()];
            try {
                for (int i = 0; i < hot.length; i++) {
                    hot[i] = files.handle(dir.resolve(hotNames.get(i)));
                }
            } catch (KernelException e) {
                problems.add(ReadProblem.of(e));
                return null;
            }
            String procPath = procPath(path);
            TrackedNode n = new TrackedNode(path, dir, procPath, st.inode(), phases++ % options.warmEvery(), hot);
            if (!unwatched) {
                // Watch before listing: a child made in between is then both listed and reported.
                n.key = watch.watch(dir).orElse(null);
                if (n.key == null) {
                    unwatched = true;
                }
            }
            byDir.put(dir, n);
            owner.put(n, this);
            if (st.hasSubdirectories()) {
                List<String> names;
                try {
                    names = fs.childGroups(dir);
                } catch (KernelException e) {
                    if (e.errno() != Errno.ENOENT && e.errno() != Errno.ENODEV) {
                        problems.add(ReadProblem.of(e));
                    }
                    names = List.of();
                }
                for (String name : names) {
                    addChild(n, name, problems);
                }
            }
            return n;
        }

        private void addChild(TrackedNode parent, String name, List<ReadProblem> problems) {
            Path d = parent.dir.resolve(name);
            Optional<DirStat> st;
            try {
                st = fs.stat(d);
            } catch (KernelException e) {
                problems.add(ReadProblem.of(e));
                return;
            }
            if (st.isPresent()) {
                TrackedNode c = create(parent.path.child(name), d, st.get(), problems);
                if (c != null) {
                    parent.children.put(name, c);
                    parent.childrenChanged = true;
                }
            }
        }

        /** Something happened to {@code names} below {@code n}: list it again and compare. */
        void relist(TrackedNode n, Set<String> names, List<ReadProblem> problems) {
            Set<String> now;
            try {
                now = new HashSet<>(fs.childGroups(n.dir));
            } catch (KernelException e) {
                now = Set.of(); // the group itself is gone: the parent hears of it
            }
            for (String name : names) {
                TrackedNode old = n.children.get(name);
                if (old != null) {
                    Optional<DirStat> st;
                    try {
                        st = now.contains(name) ? fs.stat(old.dir) : Optional.empty();
                    } catch (KernelException e) {
                        st = Optional.empty();
                    }
                    if (st.isPresent() && st.get().inode() == old.inode) {
                        continue;
                    }
                    remove(n, name);
                }
                if (now.contains(name)) {
                    addChild(n, name, problems);
                }
            }
        }

        /** The fallback when events were lost or watches refused: compare every listing. */
        void relistAll(TrackedNode n, List<ReadProblem> problems) {
            Set<String> names = new HashSet<>(n.children.keySet());
            try {
                names.addAll(fs.childGroups(n.dir));
            } catch (KernelException e) {
                // gone: noticed by the parent
            }
            relist(n, names, problems);
            for (TrackedNode c : List.copyOf(n.children.values())) {
                relistAll(c, problems);
            }
        }

        private void remove(TrackedNode parent, String name) {
            TrackedNode c = parent.children.remove(name);
            if (c != null) {
                release(c);
                parent.childrenChanged = true;
            }
        }

        private void release(TrackedNode n) {
            for (TrackedNode c : n.children.values()) {
                release(c);
            }
            for (KeptFiles.Handle f : n.hot) {
                files.release(f);
            }
            if (n.key != null) {
                n.key.cancel();
            }
            byDir.remove(n.dir, n);
            owner.remove(n);
        }

        void drop() {
            if (root != null) {
                release(root);
                root = null;
            }
            published = null;
        }

        /** The group with children as of now; null if it is gone. */
        Group update(TrackedNode n, List<ReadProblem> problems) {
            boolean hotChanged = false;
            boolean maybeGone = false;
            for (int i = 0; i < n.hot.length; i++) {
                int len;
                try {
                    len = files.read(n.hot[i], buf);
                } catch (KernelException e) {
                    problems.add(ReadProblem.of(e));
                    continue;
                }
                if (len == n.lastLen[i] && (len < 0 || same(n.last[i], len)) && len < buf.capacity()) {
                    continue;
                }
                maybeGone |= len < 0 && n.lastLen[i] >= 0;
                if (len > 0) {
                    if (n.last[i].length < len) {
                        n.last[i] = new byte[len + 64];
                    }
                    buf.get(0, n.last[i], 0, len);
                }
                n.lastLen[i] = len;
                hotChanged = true;
            }
            if (maybeGone && !stillThere(n)) {
                return null;
            }
            if (hotChanged && n.self != null) {
                lastActive.put(n.procPath, tick);
            }
            Group self = n.self;
            if (self == null || n.dirty || (tick + n.phase) % options.warmEvery() == 0) {
                if (self != null && !stillThere(n)) {
                    return null; // removed since the last tick and no event yet
                }
                self = reader.readWithout(h, n.path, n.dir, new DirStat(n.inode, 0), problems);
                n.dirty = false;
            } else if (hotChanged || recentlyActive(n)) {
                GroupReader.State s = hotNames.contains("freezer.state") || hotNames.contains("cgroup.events")
                        ? reader.state(h, n.dir, problems) : new GroupReader.State(self.freezer(), self.populated());
                self = self.withUsage(reader.usage(h, n.dir, problems), s.freezer(), s.populated());
            }
            self = withMembership(n, self, problems);
            if (self == null) {
                return null;
            }
            if (self != n.self && self.equals(n.self)) {
                self = n.self; // read again, nothing changed: keep the object, so the parents stay too
            }
            n.self = self;
            boolean changed = n.whole == null || n.publishedSelf != self;
            List<String> vanished = null;
            boolean kidsChanged = n.childrenChanged;
            for (Map.Entry<String, TrackedNode> e : n.children.isEmpty() ? NO_CHILDREN : n.children.entrySet()) {
                TrackedNode c = e.getValue();
                Group before = c.whole;
                Group now = update(c, problems);
                if (now == null) {
                    if (vanished == null) {
                        vanished = new ArrayList<>();
                    }
                    vanished.add(e.getKey());
                } else if (now != before) {
                    kidsChanged = true;
                }
            }
            if (vanished != null) {
                vanished.forEach(name -> remove(n, name));
                kidsChanged = true;
            }
            n.childrenChanged = false;
            if (changed || kidsChanged) {
                List<Group> kids = new ArrayList<>(n.children.size());
                for (TrackedNode c : n.children.values()) {
                    kids.add(c.whole);
                }
                n.whole = kids.isEmpty() ? self : self.withChildren(kids);
                n.publishedSelf = self;
            }
            return n.whole;
        }

        private Group withMembership(TrackedNode n, Group self, List<ReadProblem> problems) {
            Optional<List<Integer>> procs;
            Optional<List<Integer>> threads;
            String type = self.type().orElse("domain");
            if (tasks == null || (h.isV2() && !type.equals("domain") && !type.equals("threaded"))) {
                procs = reader.processes(h, n.dir, problems);
                if (procs.isEmpty() && !fs.exists(n.dir)) {
                    return null;
                }
                threads = reader.threads(h, n.dir, problems);
            } else {
                TaskCgroups.Members m = tasks.members(h.id(), n.procPath);
                if (m == n.members && self.processes().isPresent() == !(h.isV2() && type.equals("threaded"))
                        && self.threads().isPresent()) {
                    return self; // same member lists as last tick: nothing to compare, nothing to allocate
                }
                n.members = m;
                // cgroup2 refuses to list cgroup.procs of a threaded group (EOPNOTSUPP): absent, as when read.
                procs = h.isV2() && type.equals("threaded") ? Optional.empty() : Optional.of(m.processes());
                threads = Optional.of(m.threads());
            }
            if (procs.equals(self.processes()) && threads.equals(self.threads())) {
                return self;
            }
            return self.withMembership(procs, threads);
        }

        /**
         * Active (a hot counter changed) in any hierarchy during the last {@link #ACTIVE_TICKS}
         * ticks: its usage is read every tick, so that pressure averages decaying after the
         * activity, v1 cpu.stat throttling (kept in another hierarchy than cpuacct.usage) and
         * the v2 files of a hybrid host (which has no hot files in the v2 hierarchy) follow.
         */
        private boolean recentlyActive(TrackedNode n) {
            Long t = lastActive.get(n.procPath);
            return t != null && t >= tick - ACTIVE_TICKS;
        }

        private boolean stillThere(TrackedNode n) {
            try {
                Optional<DirStat> st = fs.stat(n.dir);
                return st.isPresent() && st.get().inode() == n.inode;
            } catch (KernelException e) {
                return false;
            }
        }

        private String procPath(GroupPath path) {
            String root = h.mountRoot();
            String p = path.toString();
            if (root.equals("/")) {
                return p;
            }
            return p.equals("/") ? root : root + p;
        }
    }

    private boolean same(byte[] last, int n) {
        for (int i = 0; i < n; i++) {
            if (buf.get(i) != last[i]) {
                return false;
            }
        }
        return true;
    }
}
