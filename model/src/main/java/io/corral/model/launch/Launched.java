package io.corral.model.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A launched command.
 *
 * @param pid         the process Corral started and placed into the groups. Without a new
 *                    pid or time namespace this is the command itself (every stage execs);
 *                    with one it is {@code unshare}, whose child is the namespace's init
 * @param logFile     where the command's stdout and stderr go
 * @param displayLine the equivalent {@code unshare} command line
 * @param process     the handle of {@link #pid} (for waiting; Corral does not keep it alive)
 * @param forked      whether unshare forked an init
 * @param groups      the group directories it was placed in
 */
public record Launched(long pid, Path logFile, String displayLine, Process process, boolean forked,
                       java.util.List<Path> groups) {

    /**
     * The PID (as the host sees it) of the new pid namespace's init, the root of the tree
     * to checkpoint: the child of {@link #pid}. Empty without a fork, or if it did not
     * appear within the timeout.
     */
    public OptionalLong awaitInit(Duration timeout) throws InterruptedException {
        if (!forked) {
            return OptionalLong.empty();
        }
        return awaitChild(process.toHandle(), timeout);
    }

    /** The command's own PID: {@link #pid} without a fork, the init's child with one. */
    public OptionalLong awaitCommand(Duration timeout) throws InterruptedException {
        if (!forked) {
            return OptionalLong.of(pid);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        OptionalLong init = awaitInit(timeout);
        if (init.isEmpty()) {
            return init;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(init.getAsLong());
        if (h.isEmpty()) {
            return OptionalLong.empty();
        }
        return awaitChild(h.get(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    private static OptionalLong awaitChild(ProcessHandle parent, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<ProcessHandle> child = parent.children().findFirst();
            if (child.isPresent()) {
                return OptionalLong.of(child.get().pid());
            }
            Thread.sleep(5);
        } while (System.nanoTime() < deadline && parent.isAlive());
        return OptionalLong.empty();
    }
}
