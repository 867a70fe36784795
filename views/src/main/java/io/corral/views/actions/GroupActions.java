package io.corral.views.actions;

import io.corral.model.sample.GroupKey;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The commands the console's windows can send. The implementation (the composition root's
 * adapter over the model's command engine) runs each on the engine's own thread and
 * completes the future there, then triggers a resample: the next snapshot is the truth, views
 * never patch their state from a report. Implementations must not block the caller.
 */
public interface GroupActions {
    /** Moves processes, one {@code cgroup.procs} write per PID, as ONE command. */
    CompletableFuture<ActionReport> moveTasks(GroupKey target, List<Long> pids);

    /**
     * The same move, reporting to {@code progress} after each write and stopping between
     * writes when it is cancelled; hosts that cannot report (the privileged helper) ignore it.
     */
    default CompletableFuture<ActionReport> moveTasks(GroupKey target, List<Long> pids,
                                                      io.corral.model.command.Progress progress) {
        return moveTasks(target, pids);
    }

    /** Moves single threads ({@code cgroup.threads} on v2, {@code tasks} on v1), one write per id. */
    default CompletableFuture<ActionReport> moveThreads(GroupKey target, List<Long> tids,
                                                        io.corral.model.command.Progress progress) {
        return CompletableFuture.completedFuture(ActionReport.rejected("Nothing done",
                "this host does not move single threads"));
    }

    CompletableFuture<ActionReport> createGroup(GroupKey parent, String name);

    CompletableFuture<ActionReport> removeGroup(GroupKey group);

    /** v1 only: cgroup2 refuses rename(2) of a group directory. */
    CompletableFuture<ActionReport> renameGroup(GroupKey group, String newName);

    /** v2 {@code cgroup.subtree_control}: "+cpu -memory". */
    CompletableFuture<ActionReport> setControllers(GroupKey group, Set<String> enable, Set<String> disable);

    CompletableFuture<ActionReport> freeze(GroupKey group);

    CompletableFuture<ActionReport> thaw(GroupKey group);

    /** v2 {@code cgroup.kill}; v1: freeze, SIGKILL every task, thaw. */
    CompletableFuture<ActionReport> killAll(GroupKey group);

    /**
     * The threads of the processes, read off the FX thread; the future completes on the
     * reading thread. Processes that are gone are missing from the map.
     */
    default CompletableFuture<java.util.Map<Long, List<io.corral.model.proc.ThreadInfo>>> threads(List<Long> pids) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this host does not list threads"));
    }
}
