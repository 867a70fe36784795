package io.corral.model.sample;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.kernel.KeptFiles;
import io.corral.model.proc.TaskCgroups;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link TrackedTrees} remembers about one group between ticks. A host has thousands
 * of groups in each of its hierarchies and the sampler keeps every one of them all day, so
 * this is kept small: the directory as path bytes only (a {@link Path} is made when a group
 * is read in full, which is rare), the hot files' last readings as fingerprints
 * ({@link KeptFiles.Handle#remember}), children in a sorted array, and the path objects
 * shared with the same group of the other hierarchies.
 */
final class TrackedNode {
    private static final TrackedNode[] NO_CHILDREN = new TrackedNode[0];

    final TrackedHierarchy owner;
    /** Shared with the group of the same path in the other hierarchies ({@link TrackedTrees#twin}). */
    final GroupPath path;
    /** The directory as path bytes, for the allocation-free reads of {@link CounterFiles}. */
    final byte[] dirBytes;
    /** The group's path as /proc/PID/cgroup names it (the mount's root joined with the path); shared like {@link #path}. */
    final String procPath;
    final long inode;
    final int phase;
    /** By name ({@link String#compareTo}, as the group's children are listed). */
    private TrackedNode[] children = NO_CHILDREN;
    final KeptFiles.Handle[] hot;
    /** inotify watch descriptor of the directory, or -1 if not watched. */
    int watch = -1;
    /** The membership last taken from the task scan (the scan keeps unchanged lists as the same objects). */
    TaskCgroups.Members members;
    /** Read limits, configuration and every counter again at the next tick. */
    boolean dirty = true;
    boolean childrenChanged = true;
    /** {@link CounterFiles#fingerprint} of the files {@link #self} was read from, taken just before. */
    long warmPrint;
    /** {@link CounterFiles#fingerprint} of the usage and state files, taken before they were last read. */
    long usagePrint;
    /** The group without children, with membership. */
    Group self;
    /** The {@link #self} that {@link #whole} was built from. */
    Group publishedSelf;
    /** The group with its children, as last published. */
    Group whole;

    TrackedNode(TrackedHierarchy owner, GroupPath path, byte[] dirBytes, String procPath, long inode, int phase,
                KeptFiles.Handle[] hot) {
        this.owner = owner;
        this.path = path;
        this.dirBytes = dirBytes;
        this.procPath = procPath;
        this.inode = inode;
        this.phase = phase;
        this.hot = hot;
    }

    /** The directory, made from {@link #dirBytes} on each call. */
    Path dir() {
        return Path.of(new String(dirBytes, StandardCharsets.UTF_8));
    }

    String name() {
        return path.name();
    }

    /** The child named {@code name}, or null. */
    TrackedNode child(String name) {
        int i = indexOf(name);
        return i >= 0 ? children[i] : null;
    }

    /**
     * Removes the children named in {@code removed} and adds {@code added} (not children yet,
     * by distinct names) in one new array: a directory where thousands of groups come and
     * go between two ticks is changed once per tick, not copied once per group.
     */
    void changeChildren(java.util.Collection<String> removed, List<TrackedNode> added) {
        // Looked up once per child: a long list of names is hashed first.
        java.util.Collection<String> gone = removed.size() > 8 && !(removed instanceof java.util.Set)
                ? new java.util.HashSet<>(removed) : removed;
        int keep = 0;
        TrackedNode[] kept = new TrackedNode[children.length];
        for (TrackedNode c : children) {
            if (gone.isEmpty() || !gone.contains(c.name())) {
                kept[keep++] = c;
            }
        }
        TrackedNode[] adds = added.toArray(NO_CHILDREN);
        Arrays.sort(adds, (a, b) -> a.name().compareTo(b.name()));
        TrackedNode[] n = new TrackedNode[keep + adds.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < keep || j < adds.length) {
            if (j == adds.length || (i < keep && kept[i].name().compareTo(adds[j].name()) < 0)) {
                n[k++] = kept[i++];
            } else if (i < keep && kept[i].name().equals(adds[j].name())) {
                n[k++] = adds[j++]; // replaces the child of that name
                i++;
            } else {
                n[k++] = adds[j++];
            }
        }
        children = k == n.length ? n : Arrays.copyOf(n, k);
        if (children.length == 0) {
            children = NO_CHILDREN;
        }
    }

    /** The children now, in order. Not a copy, but never written to: {@link #changeChildren} makes a new array. */
    TrackedNode[] children() {
        return children;
    }

    /** Where a child stands against a name looked for: negative if before it, as {@link Comparable#compareTo}. */
    interface NameOrder {
        int compare(TrackedNode child);
    }

    private int indexOf(String name) {
        // Not search(c -> ...): the capturing lambda was allocated on every lookup (3.8 % of
        // the sampler's allocation under churn, JFR).
        int lo = 0;
        int hi = children.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = children[mid].name().compareTo(name);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -(lo + 1);
    }

    /** The index of the child {@code order} puts at 0, or {@code -(insertion point + 1)}. */
    int search(NameOrder order) {
        int lo = 0;
        int hi = children.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = order.compare(children[mid]);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
