package io.corral.model.sample;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.kernel.KeptFiles;
import io.corral.model.proc.TaskCgroups;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

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

    /** Adds (or replaces) the child of its name. */
    void putChild(TrackedNode c) {
        int i = indexOf(c.name());
        if (i >= 0) {
            children[i] = c;
            return;
        }
        int at = -i - 1;
        TrackedNode[] n = new TrackedNode[children.length + 1];
        System.arraycopy(children, 0, n, 0, at);
        n[at] = c;
        System.arraycopy(children, at, n, at + 1, children.length - at);
        children = n;
    }

    /** Removes the child named {@code name}; returns it, or null. */
    TrackedNode removeChild(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        TrackedNode c = children[i];
        if (children.length == 1) {
            children = NO_CHILDREN;
        } else {
            TrackedNode[] n = new TrackedNode[children.length - 1];
            System.arraycopy(children, 0, n, 0, i);
            System.arraycopy(children, i + 1, n, i, n.length - i);
            children = n;
        }
        return c;
    }

    /** The children now, in order. Not a copy: changes with {@link #putChild}/{@link #removeChild} (do not write to it). */
    TrackedNode[] children() {
        return children;
    }

    /** A copy of the children, for loops that add or remove children on the way. */
    TrackedNode[] childrenCopy() {
        return Arrays.copyOf(children, children.length);
    }

    private int indexOf(String name) {
        int lo = 0;
        int hi = children.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = children[mid].name().compareTo(name);
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
