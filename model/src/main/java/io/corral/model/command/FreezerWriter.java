package io.corral.model.command;

import io.corral.model.cgroup.Freezer;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's Freeze, Thaw and KillAll commands: the kernel's rules first, then the
 * group's {@link Freezer} (v1 {@code freezer.state}, v2 {@code cgroup.freeze}, with a
 * timeout and a thaw when the freeze does not complete), or v2 {@code cgroup.kill}.
 */
final class FreezerWriter {
    private final CgroupFs fs;
    private final KernelRules rules;
    private final Tasks tasks;
    private final Freezer freezer;

    FreezerWriter(CgroupFs fs, KernelRules rules, Tasks tasks, Duration timeout) {
        this.fs = fs;
        this.rules = rules;
        this.tasks = tasks;
        this.freezer = new Freezer(fs, timeout);
    }

    CommandResult freeze(Command.Freeze c) throws KernelException {
        return checked(c, c.group(), "freeze", this::freeze);
    }

    CommandResult thaw(Command.Thaw c) throws KernelException {
        return checked(c, c.group(), "thaw", this::thaw);
    }

    CommandResult kill(Command.KillAll c) throws KernelException {
        return checked(c, c.group(), "kill", this::kill);
    }

    /** What a freezer command does once the rules let it. */
    @FunctionalInterface
    private interface Body {
        CommandResult run(GroupRef g, Outcome o) throws KernelException;
    }

    /**
     * The rules every freezer command checks first (the mount, the group, a freezer, not
     * Corral's own group), then {@code body}.
     */
    private CommandResult checked(Command c, GroupRef g, String verb, Body body) throws KernelException {
        Outcome o = new Outcome(c);
        Optional<Failure> refused = GroupWriter.first(rules.mount(g.hierarchy()), rules.exists(g),
                rules.freezer(g, verb));
        return refused.isPresent() ? o.failed(refused.get()).result() : body.run(g, o);
    }

    private CommandResult freeze(GroupRef g, Outcome o) throws KernelException {
        Path dir = g.dir(fs);
        boolean wasFrozen = freezer.frozen(dir);
        Freezer.Result r = freezer.freeze(dir, this::inUninterruptibleSleep);
        if (r instanceof Freezer.Result.Failed f) {
            throw f.error();
        }
        if (r instanceof Freezer.Result.TimedOut t) {
            Path file = freezer.controlFile(dir);
            return o.failed(new Failure(Errno.EAGAIN, file, Optional.of(g.isV2() ? "1" : "FROZEN"),
                    timedOut(g, t), true)).result();
        }
        o.done(Step.done("froze " + g, r.holds()));
        if (!wasFrozen) {
            o.undoWith(new Command.Thaw(g));
        }
        return o.result();
    }

    /**
     * The group's processes in D state, each with where it sleeps in the kernel ({@code 123
     * (request_wait_answer)}): uninterruptible sleep is the usual reason a freeze does not
     * complete, since the freezer cannot stop a task until it leaves the kernel. Tasks the v1
     * freezer already holds read D too: those at {@code __refrigerator} are left out, but a
     * task frozen in place keeps the wchan of its sleep.
     */
    private List<String> inUninterruptibleSleep(Path dir) throws KernelException {
        List<String> asleep = new ArrayList<>();
        for (int pid : rules.ids(dir.resolve("cgroup.procs"))) {
            boolean d = tasks.facts(pid, false).map(f -> f.state() == 'D').orElse(false);
            Optional<String> wchan = tasks.wchan(pid);
            if (d && !wchan.map(w -> w.contains("refrigerator")).orElse(false)) {
                asleep.add(pid + wchan.map(w -> " (" + w + ")").orElse(""));
            }
        }
        return asleep;
    }

    /** Names what kept the freeze from completing, and whether the group was thawed back. */
    private String timedOut(GroupRef g, Freezer.Result.TimedOut t) throws KernelException {
        List<String> asleep = t.stuck();
        String why = asleep.isEmpty()
                ? "a task did not stop in time (in uninterruptible sleep, or not scheduled yet)"
                : g.isV2() ? "process(es) in uninterruptible sleep (D): " + String.join(", ", asleep)
                : "process(es) in D state (stuck in the kernel, or already frozen): " + String.join(", ", asleep);
        return g + " did not freeze within " + t.timeout().toMillis() + " ms (" + t.holds() + "; " + why + "); "
                + (t.thawedBack() ? "it was thawed again"
                : "the thaw was written but it still reads " + freezer.holds(g.dir(fs)));
    }

    private CommandResult thaw(GroupRef g, Outcome o) throws KernelException {
        Path dir = g.dir(fs);
        boolean wasFrozen = freezer.frozen(dir);
        Freezer.Result r = freezer.thaw(dir);
        o.done(Step.done("thawed " + g, r.holds()));
        if (wasFrozen && !g.path().isRoot()) {
            o.undoWith(new Command.Freeze(g));
        }
        return o.result();
    }

    /**
     * v2 writes {@code 1} to {@code cgroup.kill} (atomic, also for processes forking meanwhile).
     * v1 has no such file: SIGKILL each task, then thaw the group, or frozen tasks never die.
     */
    private CommandResult kill(GroupRef g, Outcome o) throws KernelException {
        Path procs = g.dir(fs).resolve("cgroup.procs");
        List<Integer> before = rules.ids(procs);
        Path kill = g.dir(fs).resolve("cgroup.kill");
        if (g.isV2() && fs.exists(kill)) {
            fs.write(kill, "1");
        } else {
            for (int pid : before) {
                if (pid == tasks.self()) {
                    continue;
                }
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            if (g.hierarchy().has("freezer")) {
                freezer.thawIfFrozen(g.dir(fs));
            }
        }
        long deadline = System.nanoTime() + freezer.timeout().toNanos();
        List<Integer> left = rules.ids(procs);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
            left = rules.ids(procs);
        }
        if (!left.isEmpty()) {
            o.failed(Failure.rule(Errno.EBUSY, procs, null, left.size() + " process(es) of " + g
                    + " still alive after " + freezer.timeout().toMillis() + " ms: " + KernelRules.shortList(left)
                    + " (frozen in another hierarchy?)"));
        }
        o.done(Step.done("killed " + (before.size() - left.size()) + " process(es) of " + g,
                left.isEmpty() ? "empty" : KernelRules.shortList(left)));
        return o.result();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
