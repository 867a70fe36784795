package io.corral.model.command;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves processes and threads, one id per write(2), each formatted by us in decimal from
 * an integer (the kernel parses {@code cgroup.procs} input loosely). An id that exited is
 * reported and the batch goes on.
 */
final class TaskMover {
    /** EINVAL for a task still inside fork(): retried this many times before giving up. */
    static final int EINVAL_RETRIES = 3;
    static final int MAX_PASSES = 20;
    static final Duration MAX_TIME = Duration.ofSeconds(3);

    private final CgroupFs fs;
    private final KernelRules rules;
    private final Tasks tasks;

    TaskMover(CgroupFs fs, KernelRules rules, Tasks tasks) {
        this.fs = fs;
        this.rules = rules;
        this.tasks = tasks;
    }

    CommandResult move(Command.MoveTasks c, Progress progress) throws KernelException {
        GroupRef target = c.target();
        Outcome o = new Outcome(c);
        Optional<Failure> refused = GroupWriter.first(rules.mount(target.hierarchy()), rules.exists(target));
        if (refused.isEmpty()) {
            refused = rules.moveTarget(target, c.threads());
        }
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
        Map<GroupPath, List<Integer>> origins = new LinkedHashMap<>();
        List<Integer> ids = List.copyOf(new LinkedHashSet<>(c.ids()));
        int moved = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (progress.cancelled()) {
                o.failed(cancelled(target, c.threads(), ids.size() - i, ids.size()));
                break;
            }
            Optional<Failure> failed = moveOne(target, ids.get(i), c.threads(), o, origins);
            failed.ifPresent(o::failed);
            moved += failed.isEmpty() ? 1 : 0;
            progress.report(new Progress.Update(i + 1, ids.size(), 1, moved, i + 1 - moved));
        }
        undo(target, c.threads(), origins, o);
        return o.result();
    }

    /**
     * Empties {@code source} into {@code target} in passes: a forking process adds children
     * to the source while we move, so repeat until a read finds it empty, within
     * {@link #MAX_PASSES} and {@link #MAX_TIME}; what is left is reported as stragglers.
     */
    CommandResult moveAll(Command.MoveAllTasks c, Progress progress) throws KernelException {
        Outcome o = new Outcome(c);
        Optional<Failure> refused = GroupWriter.first(rules.mount(c.target().hierarchy()), rules.exists(c.source()),
                rules.exists(c.target()));
        if (refused.isEmpty()) {
            refused = rules.moveTarget(c.target(), false);
        }
        if (refused.isEmpty() && c.source().equals(c.target())) {
            refused = Optional.of(Failure.rule(Errno.EINVAL, c.target().dir(fs), null, "source and target are the same group"));
        }
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
        Path sourceProcs = c.source().dir(fs).resolve("cgroup.procs");
        Map<GroupPath, List<Integer>> origins = new LinkedHashMap<>();
        Set<Integer> refusedIds = new LinkedHashSet<>();
        long deadline = System.nanoTime() + MAX_TIME.toNanos();
        int passes = 0;
        int moved = 0;
        int gone = 0;
        List<Integer> left = rules.ids(sourceProcs);
        boolean stopped = false;
        while (!left.isEmpty() && passes < MAX_PASSES && System.nanoTime() < deadline && !stopped) {
            passes++;
            boolean movedSome = false;
            for (int i = 0; i < left.size(); i++) {
                if (progress.cancelled()) {
                    o.failed(cancelled(c.target(), false, left.size() - i, left.size()));
                    stopped = true;
                    break;
                }
                int pid = left.get(i);
                Optional<Failure> failed = moveOne(c.target(), pid, false, o, origins);
                if (failed.isEmpty()) {
                    movedSome = true;
                    moved++;
                } else if (failed.get().errno() != Errno.ESRCH) {
                    // An exited process left the source by itself; anything else is refused for good.
                    refusedIds.add(pid);
                    o.failed(failed.get());
                    gone++;
                } else {
                    gone++;
                }
                progress.report(new Progress.Update(i + 1, left.size(), passes, moved, gone));
            }
            left = rules.ids(sourceProcs).stream().filter(p -> !refusedIds.contains(p)).toList();
            if (!movedSome && !left.isEmpty()) {
                sleep(5);
            }
        }
        for (int pid : stopped ? List.<Integer>of() : left) {
            o.failed(Failure.rule(Errno.EAGAIN, sourceProcs, Integer.toString(pid), "process " + pid
                    + " was still in " + c.source() + " after " + passes + " passes (the group keeps forking):"
                    + " freeze it first, or move again"));
        }
        o.done(Step.done(passes + " pass(es) over " + c.source(), String.join(" ",
                rules.ids(sourceProcs).stream().map(String::valueOf).toList())));
        undo(c.target(), false, origins, o);
        return o.result();
    }

    /** The user stopped the batch: one failure for the tasks not tried (none was written). */
    private Failure cancelled(GroupRef target, boolean threads, int notTried, int total) {
        return Failure.rule(Errno.EINTR, target.dir(fs).resolve(KernelRules.taskFile(target.hierarchy(), threads)),
                null, "cancelled: " + notTried + " of " + total + (threads ? " threads" : " tasks")
                + " were not moved (what moved before stays moved; Undo moves it back)");
    }

    /** Moves one id; the failure, if any, is returned for the caller to report or ignore. */
    private Optional<Failure> moveOne(GroupRef target, int id, boolean threads, Outcome o,
                                      Map<GroupPath, List<Integer>> origins) {
        Optional<Failure> refused = rules.moveTask(target, id, threads);
        if (refused.isPresent()) {
            return refused;
        }
        Optional<GroupPath> from = tasks.groupOf(id, threads, target.hierarchy());
        Path file = target.dir(fs).resolve(KernelRules.taskFile(target.hierarchy(), threads));
        String value = Integer.toString(id);
        for (int attempt = 1; ; attempt++) {
            try {
                fs.write(file, value);
                break;
            } catch (KernelException e) {
                if (e.errno() == Errno.EINVAL && attempt < EINVAL_RETRIES && tasks.facts(id, threads).isPresent()) {
                    sleep(10);
                    continue;
                }
                return Optional.of(Failure.of(e));
            }
        }
        Optional<GroupPath> now = tasks.groupOf(id, threads, target.hierarchy());
        if (now.isEmpty()) {
            return Optional.of(new Failure(Errno.ESRCH, file, Optional.of(value), (threads ? "thread " : "process ")
                    + id + " exited right after the move", true));
        }
        if (!now.get().equals(target.path()) && now.get().isRoot() && exitsSoon(id, threads)) {
            // An exiting task is moved to the root css_set by cgroup_exit() before it becomes
            // a zombie (exit_notify), so for a moment it reads "/" while still running.
            return Optional.of(new Failure(Errno.ESRCH, file, Optional.of(value), (threads ? "thread " : "process ")
                    + id + " exited right after the move", true));
        }
        if (!now.get().equals(target.path())) {
            Optional<Tasks.Facts> facts = tasks.facts(id, threads);
            if (facts.isPresent() && !facts.get().zombie()) {
                // It did move, and something else moved it on before we looked: another
                // console, a second Corral, or systemd putting its unit's processes back.
                return Optional.of(new Failure(Errno.EBUSY, file, Optional.of(value), (threads ? "thread " : "process ")
                        + id + " was moved into " + target + " but is in " + now.get()
                        + " now: something else moved it meanwhile (another console, or systemd)", true));
            }
            return Optional.of(new Failure(Errno.ESRCH, file, Optional.of(value), "the kernel accepted " + id
                    + " for " + target + " but it is still in " + now.get() + " (a zombie, or it exited)", true));
        }
        from.filter(f -> !f.equals(target.path()))
                .ifPresent(f -> origins.computeIfAbsent(f, k -> new ArrayList<>()).add(id));
        o.done(Step.done("moved " + (threads ? "thread " : "") + id + from.map(f -> " from " + f).orElse("")
                + " into " + target, "in " + now.get()));
        return Optional.empty();
    }

    /** True if the task is gone or a zombie within about 100 ms. */
    private boolean exitsSoon(int id, boolean threads) {
        for (int i = 0; i < 10; i++) {
            Optional<Tasks.Facts> facts = tasks.facts(id, threads);
            if (facts.isEmpty() || facts.get().zombie()) {
                return true;
            }
            sleep(10);
        }
        return false;
    }

    private static void undo(GroupRef target, boolean threads, Map<GroupPath, List<Integer>> origins, Outcome o) {
        origins.forEach((path, ids) -> o.undoWith(
                new Command.MoveTasks(new GroupRef(target.hierarchy(), path), ids, threads)));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
