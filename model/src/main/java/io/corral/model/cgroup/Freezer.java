package io.corral.model.cgroup;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The freezer of one group directory, v1 or v2 (told apart by the file the group has):
 * v1 {@code freezer.state} (write FROZEN/THAWED; reads THAWED, FREEZING or FROZEN), v2
 * {@code cgroup.freeze} (write 1/0) with the {@code frozen} key of {@code cgroup.events}
 * saying when it is done.
 *
 * <p>Freezing is asynchronous: the write returns at once and each task stops only when it
 * next passes a point where it can (v1: the refrigerator, reached from a freezable sleep
 * or on the way back to user space; v2: the signal-delivery path on the way back to user
 * space). A task sleeping in the kernel where neither applies never gets there (kernel
 * 6.18: a request to a FUSE server that does not answer keeps v2's {@code frozen} at 0
 * forever), so every freeze here has a timeout, and a freeze that does not complete is
 * thawed again: a failed freeze never leaves a workload half stopped.
 */
public final class Freezer {
    public static final String V1_FILE = "freezer.state";
    public static final String V2_FILE = "cgroup.freeze";
    private static final long POLL_MILLIS = 5;

    /** What a freeze or thaw came to. */
    public sealed interface Result {
        /** What the kernel holds afterwards, e.g. {@code freezer.state FROZEN} or {@code cgroup.freeze 1, frozen 1}. */
        String holds();

        /** Frozen (or, for a thaw, thawed) as asked. */
        record Done(String holds) implements Result {
        }

        /**
         * Not frozen within the timeout; {@code stuck} describes the tasks the caller found
         * holding it up (read before the thaw); the thaw was written and the group no longer
         * reads as frozen or freezing ({@code thawedBack}), or it still does.
         */
        record TimedOut(Duration timeout, String holds, List<String> stuck, boolean thawedBack) implements Result {
            public TimedOut {
                stuck = List.copyOf(stuck);
            }
        }

        /** The kernel refused a write (errno in the exception); {@code thawedBack} as above. */
        record Failed(KernelException error, String holds, boolean thawedBack) implements Result {
        }
    }

    private final CgroupFs fs;
    private final Duration timeout;

    public Freezer(CgroupFs fs, Duration timeout) {
        this.fs = Objects.requireNonNull(fs);
        this.timeout = Objects.requireNonNull(timeout);
    }

    public Duration timeout() {
        return timeout;
    }

    /** The file a freeze is written to: {@code freezer.state} (v1) or {@code cgroup.freeze} (v2). */
    public Path controlFile(Path dir) {
        return fs.exists(dir.resolve(V1_FILE)) ? dir.resolve(V1_FILE) : dir.resolve(V2_FILE);
    }

    private boolean isV1(Path dir) {
        return controlFile(dir).getFileName().toString().equals(V1_FILE);
    }

    /**
     * The group's freezer state; empty when the group is gone or has no freezer (the root of
     * a hierarchy, a v1 hierarchy without the freezer controller).
     */
    public Optional<FreezeState> state(Path dir) throws KernelException {
        if (isV1(dir)) {
            return fs.readIfPresent(dir.resolve(V1_FILE)).flatMap(FreezeState::ofV1);
        }
        Optional<String> asked = fs.readIfPresent(dir.resolve(V2_FILE));
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(FreezeState.ofV2(asked.get(), frozenEvent(dir).orElse(0L)));
    }


    /** What held a freeze up: asked on a timeout, before the thaw (which wakes the tasks again). */
    @FunctionalInterface
    public interface StuckTasks {
        List<String> in(Path dir) throws KernelException;
    }

    /** {@link #freeze(Path, StuckTasks)} without asking who held it up. */
    public Result freeze(Path dir) throws KernelException {
        return freeze(dir, d -> List.of());
    }

    /**
     * Freezes the group and waits until the kernel says it is frozen. When it does not get
     * there within the timeout, {@code stuck} is asked which tasks held it up and the thaw is
     * written at once; so it is when a write is refused.
     */
    public Result freeze(Path dir, StuckTasks stuck) throws KernelException {
        Path file = controlFile(dir);
        try {
            fs.write(file, isV1(dir) ? "FROZEN" : "1");
        } catch (KernelException e) {
            return new Result.Failed(e, holds(dir), thawBack(dir));
        }
        if (waitForFrozen(dir)) {
            return new Result.Done(holds(dir));
        }
        String seen = holds(dir);
        List<String> holdingUp = stuck.in(dir);
        return new Result.TimedOut(timeout, seen, holdingUp, thawBack(dir));
    }

    /**
     * Thaws the group and waits (at most the timeout) until it no longer reads as frozen; a
     * killed CRIU can leave a v1 group FREEZING, so the thaw is written again while it does.
     */
    public Result thaw(Path dir) throws KernelException {
        Path file = controlFile(dir);
        String value = isV1(dir) ? "THAWED" : "0";
        fs.write(file, value);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frozen(dir) && System.nanoTime() < deadline) {
            sleep();
            fs.write(file, value);
        }
        return frozen(dir) ? new Result.TimedOut(timeout, holds(dir), List.of(), false) : new Result.Done(holds(dir));
    }

    /** Thaws the group if it is frozen or freezing; true when a thaw was written. */
    public boolean thawIfFrozen(Path dir) throws KernelException {
        if (!frozen(dir)) {
            return false;
        }
        thaw(dir);
        return true;
    }

    /** What the kernel holds now, for messages: {@code freezer.state FROZEN}, {@code cgroup.freeze 1, frozen 0}. */
    public String holds(Path dir) throws KernelException {
        if (isV1(dir)) {
            return V1_FILE + " " + fs.readIfPresent(dir.resolve(V1_FILE)).map(String::strip).orElse("(gone)");
        }
        return V2_FILE + " " + fs.readIfPresent(dir.resolve(V2_FILE)).map(String::strip).orElse("(gone)")
                + ", frozen " + frozenEvent(dir).map(String::valueOf).orElse("?");
    }

    /** After a failed freeze: write the thaw and say whether the group still reads as (being) frozen. */
    private boolean thawBack(Path dir) {
        try {
            fs.write(controlFile(dir), isV1(dir) ? "THAWED" : "0");
            return !frozen(dir);
        } catch (KernelException e) {
            return false;
        }
    }

    /**
     * Frozen or freezing by this group's own file: v1 FROZEN/FREEZING, v2 {@code cgroup.freeze 1}
     * (a v2 group frozen through an ancestor is not: that freeze is the ancestor's to undo).
     */
    public boolean frozen(Path dir) throws KernelException {
        if (isV1(dir)) {
            return fs.readIfPresent(dir.resolve(V1_FILE)).flatMap(FreezeState::ofV1)
                    .map(s -> s != FreezeState.THAWED).orElse(false);
        }
        return fs.readIfPresent(dir.resolve(V2_FILE)).map(s -> s.strip().equals("1")).orElse(false);
    }

    /** Polls until frozen: v1 {@code freezer.state} reads FROZEN, v2 {@code cgroup.events} says {@code frozen 1}. */
    private boolean waitForFrozen(Path dir) throws KernelException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean done = isV1(dir)
                    ? fs.read(dir.resolve(V1_FILE)).strip().equals("FROZEN")
                    // A v2 group without cgroup.events (a fixture) cannot say more than what was asked.
                    : frozenEvent(dir).map(v -> v != 0).orElse(true);
            if (done) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep();
        }
    }

    private Optional<Long> frozenEvent(Path dir) throws KernelException {
        Optional<String> events = fs.readIfPresent(dir.resolve("cgroup.events"));
        if (events.isEmpty()) {
            return Optional.empty();
        }
        for (String line : events.get().split("\n")) {
            if (line.startsWith("frozen ")) {
                try {
                    return Optional.of(Long.parseLong(line.substring(7).strip()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
