package io.corral.model.sample;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupReader;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.kernel.ChildDirectories;
import io.corral.model.kernel.DirStat;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.proc.TaskCgroups;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One hierarchy's subtree at one start path, kept up to date by {@link TrackedTrees}: the
 * tree bookkeeping (groups made, removed, recreated under the same path with a new inode)
 * and, per tick, which of a group's files to read again (see {@link TrackedTrees} for the
 * rules). Reads go through {@link CounterFiles} (hot counters, fingerprints, inodes) and,
 * only when something changed, through the allocating {@link GroupReader}.
 */
final class TrackedHierarchy {
    final Hierarchy h;
    final GroupPath start;
    private final TrackedTrees trees;
    final Path startDir;
    private final byte[] startBytes;
    /** The hot files ({@link HotCounters}) as suffixes, shared by every node's handles. */
    private final byte[][] hotNames;
    /** Every file a full reading reads, as suffixes for {@link CounterFiles#fingerprint}. */
    private final byte[][] warmNames;
    /** The usage and state files among them. */
    private final byte[][] usageNames;
    private final boolean stateIsHot;
    TrackedNode root;
    private Optional<HierarchyTree> published = Optional.empty();
    /** Scratch of {@link #changedChildren}: which children the listing showed. */
    private boolean[] seen = new boolean[16];
    private final ListedName listed = new ListedName();
    boolean unwatched;
    long lastUsed;

    TrackedHierarchy(TrackedTrees trees, Hierarchy h, GroupPath start) throws KernelException {
        this.trees = trees;
        this.h = h;
        this.start = start;
        this.unwatched = trees.watch == null;
        Path d = trees.fs.onHost(h.mount());
        for (String name : start.names()) {
            d = d.resolve(name);
        }
        this.startDir = d;
        this.startBytes = trees.counters.dirBytes(d);
        // The hot set is chosen per host layout; the caller gives us one hierarchy at a time.
        List<String> hot = HotCounters.files(h, trees.layout);
        this.hotNames = CounterFiles.suffixes(hot);
        this.warmNames = CounterFiles.suffixes(GroupReader.filesRead(h));
        this.usageNames = CounterFiles.suffixes(GroupReader.usageFilesRead(h));
        this.stateIsHot = hot.contains("freezer.state") || hot.contains("cgroup.events");
    }

    Optional<HierarchyTree> refresh(List<ReadProblem> problems) {
        long inode;
        try {
            inode = trees.counters.inode(startBytes);
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return Optional.empty();
        }
        if (inode == CounterFiles.GONE) {
            drop();
            return Optional.empty();
        }
        if (root == null || root.inode != inode) {
            drop();
            root = create(start, procPath(start), startDir, new DirStat(inode, trees.counters.links()), problems);
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
        if (published.isEmpty() || published.get().root() != g) {
            published = Optional.of(new HierarchyTree(h, g));
        }
        return published;
    }

    /** Makes a node and its subtree; null if the directory is gone. */
    private TrackedNode create(GroupPath path, String procPath, Path dir, DirStat st, List<ReadProblem> problems) {
        TrackedNode n;
        try {
            byte[] bytes = trees.counters.dirBytes(dir);
            n = new TrackedNode(this, path, bytes, procPath, st.inode(), trees.phases++ % trees.options.warmEvery(),
                    trees.counters.handles(bytes, hotNames));
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return null;
        }
        if (!unwatched) {
            // Watch before listing: a child made in between is then both listed and reported.
            if (!trees.watch(n)) {
                unwatched = true;
            }
        }
        if (st.hasSubdirectories()) {
            List<String> names;
            try {
                names = trees.fs.childGroups(dir);
            } catch (KernelException e) {
                if (e.errno() != Errno.ENOENT && e.errno() != Errno.ENODEV) {
                    problems.add(ReadProblem.of(e));
                }
                names = List.of();
            }
            List<TrackedNode> kids = new ArrayList<>(names.size());
            for (String name : names) {
                TrackedNode c = newChild(n, dir, name, null, problems);
                if (c != null) {
                    kids.add(c);
                }
            }
            n.changeChildren(List.of(), kids);
        }
        return n;
    }

    /**
     * The node of {@code dir}/{@code name} with its subtree, not yet a child of {@code parent};
     * null if it is not there.
     *
     * @param dir   the parent's directory ({@code parent.dir()}, made once by the caller)
     * @param known its inode and links if the caller just looked (null: look now)
     */
    private TrackedNode newChild(TrackedNode parent, Path dir, String name, DirStat known, List<ReadProblem> problems) {
        Path d = dir.resolve(name);
        Optional<DirStat> st;
        try {
            st = known != null ? Optional.of(known) : trees.fs.stat(d);
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return null;
        }
        if (st.isEmpty()) {
            return null;
        }
        // The same group in another hierarchy lends its path objects (one copy per host, not per hierarchy).
        TrackedNode twin = trees.twin(this, parent.path, name);
        GroupPath path = twin != null ? twin.path : parent.path.child(name);
        String proc = twin != null && twin.owner.h.mountRoot().equals(h.mountRoot()) ? twin.procPath : procPath(path);
        return create(path, proc, d, st.get(), problems);
    }

    /** The node at {@code names} (the full path's names) in this subtree, or null. */
    TrackedNode find(List<String> names) {
        int depth = start.depth();
        if (root == null || names.size() < depth || !names.subList(0, depth).equals(start.names())) {
            return null;
        }
        TrackedNode n = root;
        for (int i = depth; i < names.size() && n != null; i++) {
            n = n.child(names.get(i));
        }
        return n;
    }

    /**
     * Something happened to {@code names} below {@code n} (inotify said so, or a listing
     * differed): look at each of them again, one {@code statx} each. Not a listing of the
     * directory: under another job's churn a directory with thousands of groups reports a
     * few hundred names per tick, and listing all of it to find them cost ~50 MB per tick.
     * A name that is there with another inode is a new group (removed and made again).
     */
    void relist(TrackedNode n, Collection<String> names, List<ReadProblem> problems) {
        List<String> removed = null;
        List<TrackedNode> added = null;
        Path dir = null;
        for (String name : names) {
            TrackedNode old = n.child(name);
            long inode;
            try {
                inode = trees.counters.inode(n.dirBytes, ("/" + name).getBytes(StandardCharsets.UTF_8));
            } catch (KernelException e) {
                problems.add(ReadProblem.of(e));
                continue; // looked at again at the next event or resync
            }
            long links = trees.counters.links();
            if (inode != CounterFiles.GONE && links < 2) {
                inode = CounterFiles.GONE; // a file (kernfs directories have 2 + subdirectories links)
            }
            if (old != null) {
                if (inode == old.inode) {
                    continue;
                }
                release(old);
                removed = removed == null ? new ArrayList<>() : removed;
                removed.add(name);
            }
            if (inode != CounterFiles.GONE) {
                dir = dir == null ? n.dir() : dir;
                TrackedNode c = newChild(n, dir, name, new DirStat(inode, links), problems);
                if (c != null) {
                    added = added == null ? new ArrayList<>() : added;
                    added.add(c);
                }
            }
        }
        if (removed != null || added != null) {
            n.changeChildren(removed == null ? List.of() : removed, added == null ? List.of() : added);
            n.childrenChanged = true;
        }
    }

    /**
     * The fallback when events were lost or watches refused: list every directory of the
     * subtree and compare it with the children it had. The listing is read into a reused
     * buffer and compared as bytes (name and inode), so a directory where nothing changed
     * costs an open, a getdents64 and a close and allocates nothing; only the names that
     * differ are looked at again ({@link #relist}).
     */
    void relistAll(TrackedNode n, List<ReadProblem> problems) {
        Set<String> changed = changedChildren(n);
        if (changed != null) {
            relist(n, changed, problems);
        }
        // relist gives n a new array when it changes the children; the one read here stays as it was.
        for (TrackedNode c : n.children()) {
            relistAll(c, problems);
        }
    }

    /** Names that differ between the directory of {@code n} and its children: null if none (or not listable). */
    private Set<String> changedChildren(TrackedNode n) {
        TrackedNode[] kids = n.children();
        if (seen.length < kids.length) {
            seen = new boolean[kids.length * 2];
        } else {
            java.util.Arrays.fill(seen, 0, kids.length, false);
        }
        ChildDirectories listing = trees.counters.listing;
        if (listing.open(n.dirBytes) < 0) {
            return null; // gone: its parent hears of it
        }
        Set<String> changed = null;
        int found = 0;
        listed.listing = listing;
        listed.nameFrom = n.dirBytes.length + 1;
        while (listing.next()) {
            int i = n.search(listed);
            if (i >= 0 && !seen[i] && kids[i].inode == listing.inode()) {
                seen[i] = true;
                found++;
            } else {
                changed = changed == null ? new HashSet<>() : changed;
                changed.add(listing.name());
            }
        }
        listing.close();
        if (listing.error() != 0) {
            return changed; // a partial listing: what it showed is looked at, nothing is taken as gone
        }
        if (found < kids.length) {
            changed = changed == null ? new HashSet<>() : changed;
            for (int i = 0; i < kids.length; i++) {
                if (!seen[i]) {
                    changed.add(kids[i].name());
                }
            }
        }
        return changed;
    }

    /**
     * Orders a child against the listing's current name, by the child's directory bytes from
     * {@code nameFrom}, in byte order. Children are sorted by {@link String#compareTo}, the
     * same order for every name without characters beyond U+FFFF; a name missed because of
     * that is looked at again by {@link #relist}, which finds it unchanged.
     */
    private static final class ListedName implements TrackedNode.NameOrder {
        ChildDirectories listing;
        int nameFrom;

        @Override
        public int compare(TrackedNode child) {
            byte[] d = child.dirBytes;
            return -listing.compareName(d, nameFrom, d.length - nameFrom);
        }
    }

    private void release(TrackedNode n) {
        for (TrackedNode c : n.children()) {
            release(c);
        }
        trees.counters.release(n);
        trees.unwatch(n);
    }

    void drop() {
        if (root != null) {
            release(root);
            root = null;
        }
        published = Optional.empty();
    }

    /** Every node of this subtree, parents first. */
    void forEach(java.util.function.Consumer<TrackedNode> action) {
        if (root != null) {
            forEach(root, action);
        }
    }

    private static void forEach(TrackedNode n, java.util.function.Consumer<TrackedNode> action) {
        action.accept(n);
        for (TrackedNode c : n.children()) {
            forEach(c, action);
        }
    }

    /** The group with children as of now; null if it is gone. */
    private Group update(TrackedNode n, List<ReadProblem> problems) {
        int hot = trees.counters.readHot(n, problems);
        if ((hot & CounterFiles.MAYBE_GONE) != 0 && !stillThere(n)) {
            return null;
        }
        boolean hotChanged = (hot & CounterFiles.CHANGED) != 0;
        if (hotChanged && n.self != null) {
            trees.lastActive.put(n.procPath, trees.tick);
        }
        Group self = readSelf(n, hotChanged, problems);
        if (self == null) {
            return null;
        }
        self = withMembership(n, self, problems);
        if (self == null) {
            return null;
        }
        if (self != n.self) {
            self = trees.shared.of(self);
            if (self.equals(n.self)) {
                self = n.self; // read again, nothing changed: keep the object, so the parents stay too
            }
        }
        n.self = self;
        boolean changed = n.whole == null || n.publishedSelf != self;
        boolean kidsChanged = n.childrenChanged;
        TrackedNode[] children = n.children();
        if (children.length > 0) {
            List<String> vanished = null;
            for (TrackedNode c : children) {
                Group before = c.whole;
                Group now = update(c, problems);
                if (now == null) {
                    if (vanished == null) {
                        vanished = new ArrayList<>();
                    }
                    vanished.add(c.name());
                } else if (now != before) {
                    kidsChanged = true;
                }
            }
            if (vanished != null) {
                for (String name : vanished) {
                    release(n.child(name));
                }
                n.changeChildren(vanished, List.of());
                kidsChanged = true;
            }
        }
        n.childrenChanged = false;
        if (changed || kidsChanged) {
            TrackedNode[] now = n.children();
            List<Group> kids = new ArrayList<>(now.length);
            for (TrackedNode c : now) {
                kids.add(c.whole);
            }
            n.whole = kids.isEmpty() ? self : self.withChildren(kids);
            n.publishedSelf = self;
        }
        return n.whole;
    }

    /**
     * The group without children and membership: read whole when new, written to, or due in
     * the round-robin with a changed fingerprint; its usage alone while it is active; else
     * the previous object. Null if it is gone.
     */
    private Group readSelf(TrackedNode n, boolean hotChanged, List<ReadProblem> problems) {
        Group self = n.self;
        boolean due = self == null || n.dirty || (trees.tick + n.phase) % trees.options.warmEvery() == 0;
        if (due) {
            long print = trees.counters.fingerprint(n.dirBytes, warmNames);
            if (self == null || n.dirty || print != n.warmPrint) {
                if (self != null && !stillThere(n)) {
                    return null; // removed since the last tick and no event yet
                }
                n.warmPrint = print; // taken before reading: a change in between is seen next time
                n.usagePrint = 0;
                n.dirty = false;
                return trees.reader.readWithout(h, n.path, n.dir(), new DirStat(n.inode, 0), problems);
            }
        }
        if (hotChanged || recentlyActive(n)) {
            // While active, the silent counters (pressure, throttling, other hierarchies) are
            // read again only when their files changed.
            long print = trees.counters.fingerprint(n.dirBytes, usageNames);
            if (!hotChanged && print == n.usagePrint) {
                return self;
            }
            n.usagePrint = print;
            Path dir = n.dir();
            GroupReader.State s = stateIsHot ? trees.reader.state(h, dir, problems)
                    : new GroupReader.State(self.freezer(), self.populated());
            return self.withUsage(trees.reader.usage(h, dir, problems), s.freezer(), s.populated());
        }
        return self;
    }

    private Group withMembership(TrackedNode n, Group self, List<ReadProblem> problems) {
        Optional<List<Integer>> procs;
        Optional<List<Integer>> threads;
        String type = self.type().orElse("domain");
        TaskCgroups tasks = trees.tasks;
        if (tasks == null || (h.isV2() && !type.equals("domain") && !type.equals("threaded"))) {
            Path dir = n.dir();
            procs = trees.reader.processes(h, dir, problems);
            if (procs.isEmpty() && !trees.fs.exists(dir)) {
                return null;
            }
            threads = trees.reader.threads(h, dir, problems);
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
     * Active (a hot counter changed) in any hierarchy during the last
     * {@link TrackedTrees#ACTIVE_TICKS} ticks: its usage is read every tick, so that pressure
     * averages decaying after the activity, v1 cpu.stat throttling (kept in another hierarchy
     * than cpuacct.usage) and the v2 files of a hybrid host (which has no hot files in the v2
     * hierarchy) follow.
     */
    private boolean recentlyActive(TrackedNode n) {
        Long t = trees.lastActive.get(n.procPath);
        return t != null && t >= trees.tick - TrackedTrees.ACTIVE_TICKS;
    }

    /** The directory is there with the node's inode (not removed, not recreated). */
    private boolean stillThere(TrackedNode n) {
        try {
            return trees.counters.inode(n.dirBytes) == n.inode;
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
