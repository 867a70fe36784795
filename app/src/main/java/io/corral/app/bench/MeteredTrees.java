package io.corral.app.bench;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.cgroup.TreeSource;
import io.corral.model.kernel.ReadProblem;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

/**
 * A tree source that counts the bytes the reading thread allocates inside it, apart from
 * the rest of a snapshot (mount table, host facts): {@code beginSnapshot} (the membership
 * scan, inotify events) and {@code read} (the group trees).
 */
final class MeteredTrees implements TreeSource {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final TreeSource inner;
    private long beginBytes;
    private long readBytes;

    MeteredTrees(TreeSource inner) {
        this.inner = inner;
    }

    static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Override
    public void beginSnapshot(List<Hierarchy> all, List<ReadProblem> problems) {
        long a = allocated();
        inner.beginSnapshot(all, problems);
        beginBytes += allocated() - a;
    }

    @Override
    public Optional<HierarchyTree> read(Hierarchy h, GroupPath start, List<ReadProblem> problems) {
        long a = allocated();
        Optional<HierarchyTree> t = inner.read(h, start, problems);
        readBytes += allocated() - a;
        return t;
    }

    /** Bytes allocated in beginSnapshot and read since the last reset. */
    long beginBytes() {
        return beginBytes;
    }

    long readBytes() {
        return readBytes;
    }

    void reset() {
        beginBytes = 0;
        readBytes = 0;
    }

    @Override
    public void close() {
        inner.close();
    }
}
