package io.corral.model.command;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Freeze, thaw and kill: v1 {@code freezer.state}, v2 {@code cgroup.freeze} and
 * {@code cgroup.kill}. Freezing is asynchronous in the kernel: the write returns at once
 * and the group is frozen when {@code freezer.state} reads FROZEN (v1) or
 * {@code cgroup.events} says {@code frozen 1} (v2). A group that does not get there in
 * time is thawed again, so a failed freeze never leaves a workload stopped.
 */
final class Freezer {
    private final CgroupFs fs;
    private final KernelRules rules;
    private final Tasks tasks;
    private final Duration timeout;

    Freezer(CgroupFs fs, KernelRules rules, Tasks tasks, Duration timeout) {
        this.fs = fs;
        this.rules = rules;
        this.tasks = tasks;
        this.timeout = timeout;
    }

    CommandResult freeze(Command.Freeze c) throws KernelException {
        GroupRef g = c.group();
        Outcome o = new Outcome(c);
        Optional<Failure> refused = GroupWriter.first(rules.mount(g.hierarchy()), rules.exists(g),
                rules.freezer(g, "freeze"));
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
        boolean wasFrozen = frozen(g);
        Path file = controlFile(g);
        fs.write(file, g.isV2() ? "1" : "FROZEN");
        if (!waitFor(g, true)) {
            fs.write(file, g.isV2() ? "0" : "THAWED");
            return o.failed(new Failure(Errno.EAGAIN, file, Optional.of(g.isV2() ? "1" : "FROZEN"), g
                    + " did not freeze within " + timeout.toMillis() + " ms (a task in uninterruptible sleep?);"
                    + " it was thawed again", true)).result();
        }
        o.done(Step.done("froze " + g, state(g)));
        if (!wasFrozen) {
            o.undoWith(new Command.Thaw(g));
        }
        return o.result();
    }

    CommandResult thaw(Command.Thaw c) throws KernelException {
        GroupRef g = c.group();
        Outcome o = new Outcome(c);
        Optional<Failure> refused = GroupWriter.first(rules.mount(g.hierarchy()), rules.exists(g),
                rules.freezer(g, "thaw"));
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
        boolean wasFrozen = frozen(g);
        fs.write(controlFile(g), g.isV2() ? "0" : "THAWED");
        waitFor(g, false);
        o.done(Step.done("thawed " + g, state(g)));
        if (wasFrozen && !g.path().isRoot()) {
            o.undoWith(new Command.Freeze(g));
        }
        return o.result();
    }

    /**
     * v2 writes {@code 1} to {@code cgroup.kill} (atomic, also for processes forking meanwhile).
     * v1 has no such file: SIGKILL each task, then thaw the group, or frozen tasks never die.
     */
    CommandResult kill(Command.KillAll c) throws KernelException {
        GroupRef g = c.group();
        Outcome o = new Outcome(c);
        Optional<Failure> refused = GroupWriter.first(rules.mount(g.hierarchy()), rules.exists(g),
                rules.freezer(g, "kill"));
        if (refused.isPresent()) {
            return o.failed(refused.get()).result();
        }
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
            if (g.hierarchy().has("freezer") && frozen(g)) {
                fs.write(controlFile(g), "THAWED");
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> left = rules.ids(procs);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
            left = rules.ids(procs);
        }
        if (!left.isEmpty()) {
            o.failed(Failure.rule(Errno.EBUSY, procs, null, left.size() + " process(es) of " + g
                    + " still alive after " + timeout.toMillis() + " ms: " + KernelRules.shortList(left)
                    + " (frozen in another hierarchy?)"));
        }
        o.done(Step.done("killed " + (before.size() - left.size()) + " process(es) of " + g,
                left.isEmpty() ? "empty" : KernelRules.shortList(left)));
        return o.result();
    }

    boolean frozen(GroupRef g) throws KernelException {
        if (g.isV2()) {
            return fs.readIfPresent(g.dir(fs).resolve("cgroup.freeze")).orElse("0").trim().equals("1");
        }
        return !fs.readIfPresent(g.dir(fs).resolve("freezer.state")).orElse("THAWED").trim().equals("THAWED");
    }

    private String state(GroupRef g) throws KernelException {
        if (g.isV2()) {
            return "cgroup.freeze " + fs.read(g.dir(fs).resolve("cgroup.freeze")).trim() + ", "
                    + eventsLine(g, "frozen").orElse("frozen ?");
        }
        return "freezer.state " + fs.read(g.dir(fs).resolve("freezer.state")).trim();
    }

    private boolean waitFor(GroupRef g, boolean wantFrozen) throws KernelException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean done;
            if (g.isV2()) {
                done = eventsLine(g, "frozen").map(l -> l.equals("frozen " + (wantFrozen ? 1 : 0))).orElse(true);
            } else {
                String s = fs.read(g.dir(fs).resolve("freezer.state")).trim();
                done = wantFrozen ? s.equals("FROZEN") : s.equals("THAWED");
            }
            if (done) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(5);
        }
    }

    private Optional<String> eventsLine(GroupRef g, String key) throws KernelException {
        String events = fs.readIfPresent(g.dir(fs).resolve("cgroup.events")).orElse("");
        for (String line : events.split("\n")) {
            if (line.startsWith(key + " ")) {
                return Optional.of(line.trim());
            }
        }
        return Optional.empty();
    }

    private static Path controlFileOf(CgroupFs fs, GroupRef g) {
        return g.dir(fs).resolve(g.isV2() ? "cgroup.freeze" : "freezer.state");
    }

    private Path controlFile(GroupRef g) {
        return controlFileOf(fs, g);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
