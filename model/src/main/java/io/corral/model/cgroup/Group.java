package io.corral.model.cgroup;

import io.corral.model.limit.GroupLimits;
import io.corral.model.usage.GroupUsage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One control group in one hierarchy, as read at one instant, with its children.
 *
 * @param inode          inode of the directory; on cgroup2 this is the cgroup id
 * @param processes      {@code cgroup.procs}; absent where it cannot be read (threaded v2 groups)
 * @param threads        v1 {@code tasks}, v2 {@code cgroup.threads}
 * @param controllers    v2 {@code cgroup.controllers}: available here
 * @param subtreeControl v2 {@code cgroup.subtree_control}: enabled for the children
 * @param type           v2 {@code cgroup.type}: domain, threaded, domain threaded, domain invalid
 * @param freezer        v1 {@code freezer.state} / v2 {@code cgroup.freeze} + {@code cgroup.events}
 * @param populated      v2 {@code populated} of {@code cgroup.events}: processes here or below
 */
public record Group(GroupPath path, long inode, Optional<List<Integer>> processes, Optional<List<Integer>> threads,
                    Optional<List<String>> controllers, Optional<List<String>> subtreeControl, Optional<String> type,
                    Optional<FreezeState> freezer, Optional<Boolean> populated, GroupLimits limits, GroupUsage usage,
                    List<Group> children) {
    public Group {
        Objects.requireNonNull(path);
        processes = unmodifiable(processes);
        threads = unmodifiable(threads);
        controllers = unmodifiable(controllers);
        subtreeControl = unmodifiable(subtreeControl);
        Objects.requireNonNull(type);
        Objects.requireNonNull(freezer);
        Objects.requireNonNull(populated);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(usage);
        children = List.copyOf(children);
    }

    /**
     * A group known by its name only (the console's first quick walk of the directories):
     * membership, configuration, limits and usage absent, not read yet.
     */
    public static Group named(GroupPath path, long inode) {
        return new Group(path, inode, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), GroupLimits.NONE, GroupUsage.NONE, List.of());
    }

    public Group withChildren(List<Group> newChildren) {
        return new Group(path, inode, processes, threads, controllers, subtreeControl, type, freezer, populated,
                limits, usage, newChildren);
    }

    /** The same group with other membership lists (read elsewhere, e.g. from a /proc scan). */
    public Group withMembership(Optional<List<Integer>> newProcesses, Optional<List<Integer>> newThreads) {
        return new Group(path, inode, newProcesses, newThreads, controllers, subtreeControl, type, freezer, populated,
                limits, usage, children);
    }

    /** The same group with newer counters and state (limits and configuration kept). */
    public Group withUsage(GroupUsage newUsage, Optional<FreezeState> newFreezer, Optional<Boolean> newPopulated) {
        return new Group(path, inode, processes, threads, controllers, subtreeControl, type, newFreezer, newPopulated,
                limits, newUsage, children);
    }

    /**
     * The list copied if it can still change; else the same {@code Optional}, so groups made
     * from one another (and the sampler's shared parts) keep sharing it.
     */
    private static <T> Optional<List<T>> unmodifiable(Optional<List<T>> list) {
        if (list.isEmpty()) {
            return list;
        }
        List<T> copy = List.copyOf(list.get());
        return copy == list.get() ? list : Optional.of(copy);
    }

    public String name() {
        return path.name();
    }

    /** This group and every group below it, depth first, parents before children. */
    public List<Group> flatten() {
        List<Group> out = new java.util.ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Group g, List<Group> out) {
        out.add(g);
        g.children.forEach(c -> collect(c, out));
    }

    /** The group at {@code p} in this subtree. */
    public Optional<Group> find(GroupPath p) {
        if (!path.contains(p)) {
            return Optional.empty();
        }
        if (p.equals(path)) {
            return Optional.of(this);
        }
        for (Group c : children) {
            Optional<Group> f = c.find(p);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }
}
