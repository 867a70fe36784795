package io.corral.model.cgroup;

import io.corral.model.kernel.ReadProblem;

import java.util.List;
import java.util.Optional;

/**
 * Where a snapshot's group trees come from: {@link GroupTreeReader} reads everything again on
 * every call; {@code sample.TrackedTrees} keeps state between calls (kept fds, directory
 * watches) and returns the same result for less.
 */
public interface TreeSource extends AutoCloseable {

    /**
     * Called once per snapshot, before the {@link #read} calls of that snapshot.
     *
     * @param all every hierarchy of the host (not only those about to be read)
     */
    default void beginSnapshot(List<Hierarchy> all, List<ReadProblem> problems) {
    }

    /** The subtree at {@code start} of hierarchy {@code h}; empty if that group does not exist. */
    Optional<HierarchyTree> read(Hierarchy h, GroupPath start, List<ReadProblem> problems);

    /** Releases what the source keeps open. */
    @Override
    default void close() {
    }
}
