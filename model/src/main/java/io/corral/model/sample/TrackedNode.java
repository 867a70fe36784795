package io.corral.model.sample;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.kernel.KeptFiles;
import io.corral.model.proc.TaskCgroups;

import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.util.TreeMap;

/** What {@link TrackedTrees} remembers about one group between ticks. */
final class TrackedNode {
    final GroupPath path;
    final Path dir;
    /** {@link #dir} as path bytes, for the allocation-free reads of {@link CounterFiles}. */
    final byte[] dirBytes;
    /** The group's path as /proc/PID/cgroup names it (the mount's root joined with the path). */
    final String procPath;
    final long inode;
    final int phase;
    final TreeMap<String, TrackedNode> children = new TreeMap<>();
    final KeptFiles.Handle[] hot;
    final byte[][] last;
    final int[] lastLen;
    WatchKey key;
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

    TrackedNode(GroupPath path, Path dir, byte[] dirBytes, String procPath, long inode, int phase,
                KeptFiles.Handle[] hot) {
        this.path = path;
        this.dir = dir;
        this.dirBytes = dirBytes;
        this.procPath = procPath;
        this.inode = inode;
        this.phase = phase;
        this.hot = hot;
        this.last = new byte[hot.length][];
        this.lastLen = new int[hot.length];
        for (int i = 0; i < hot.length; i++) {
            last[i] = new byte[64];
            lastLen[i] = -2; // never read
        }
    }
}
