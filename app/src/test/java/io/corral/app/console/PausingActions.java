package io.corral.app.console;

import io.corral.model.command.Progress;
import io.corral.model.proc.ThreadInfo;
import io.corral.model.sample.GroupKey;
import io.corral.views.actions.ActionReport;
import io.corral.views.actions.GroupActions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The session's actions, except that a batch move holds the engine's thread after its
 * {@code pauseAt}-th write until the window's Cancel reaches the batch (at most 30 s): a
 * live cancel test then stops part way on any machine, however fast the engine is next to
 * the FX thread. The engine sees the cancel through its own {@link Progress}, as it would.
 */
final class PausingActions implements GroupActions {
    private final GroupActions inner;
    private final int pauseAt;
    /** Only armed batches pause. */
    volatile boolean armed;

    PausingActions(GroupActions inner, int pauseAt) {
        this.inner = inner;
        this.pauseAt = pauseAt;
    }

    @Override
    public CompletableFuture<ActionReport> moveTasks(GroupKey target, List<Long> pids) {
        return inner.moveTasks(target, pids);
    }

    @Override
    public CompletableFuture<ActionReport> moveTasks(GroupKey target, List<Long> pids, Progress shown) {
        Progress[] engine = new Progress[1];
        engine[0] = new Progress(u -> {
            shown.report(u);
            if (armed && u.done() == pauseAt) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!shown.cancelled() && System.nanoTime() < end) {
                    sleep();
                }
            }
            if (shown.cancelled()) {
                engine[0].cancel();
            }
        });
        return inner.moveTasks(target, pids, engine[0]);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CompletableFuture<ActionReport> moveThreads(GroupKey target, List<Long> tids, Progress progress) {
        return inner.moveThreads(target, tids, progress);
    }

    @Override
    public CompletableFuture<ActionReport> createGroup(GroupKey parent, String name) {
        return inner.createGroup(parent, name);
    }

    @Override
    public CompletableFuture<ActionReport> removeGroup(GroupKey group) {
        return inner.removeGroup(group);
    }

    @Override
    public CompletableFuture<ActionReport> renameGroup(GroupKey group, String newName) {
        return inner.renameGroup(group, newName);
    }

    @Override
    public CompletableFuture<ActionReport> setControllers(GroupKey group, Set<String> enable, Set<String> disable) {
        return inner.setControllers(group, enable, disable);
    }

    @Override
    public CompletableFuture<ActionReport> freeze(GroupKey group) {
        return inner.freeze(group);
    }

    @Override
    public CompletableFuture<ActionReport> thaw(GroupKey group) {
        return inner.thaw(group);
    }

    @Override
    public CompletableFuture<ActionReport> killAll(GroupKey group) {
        return inner.killAll(group);
    }

    @Override
    public CompletableFuture<Map<Long, List<ThreadInfo>>> threads(List<Long> pids) {
        return inner.threads(pids);
    }
}
