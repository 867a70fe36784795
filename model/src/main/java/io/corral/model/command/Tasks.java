package io.corral.model.command;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;

import java.util.Optional;

/**
 * What the engine needs to know about a process or thread before moving it, read from
 * procfs: whether it exists, is a zombie or a kernel thread, and where it is now.
 */
public interface Tasks {

    /**
     * @param id           the pid or tid asked about
     * @param state        the state letter of {@code /proc/ID/stat} ({@code R S D Z T ...})
     * @param kernelThread true for kernel threads (they cannot be moved: EINVAL)
     */
    record Facts(int id, char state, boolean kernelThread) {
        public boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    /** Empty if the process (or, with {@code thread}, the thread) does not exist. */
    Optional<Facts> facts(int id, boolean thread);

    /** The group of the process/thread in one hierarchy, from {@code /proc/ID/cgroup}; empty if it exited. */
    Optional<GroupPath> groupOf(int id, boolean thread, Hierarchy hierarchy);

    /**
     * Where the task sleeps in the kernel ({@code /proc/ID/wchan}, e.g. {@code __refrigerator}
     * for a task the v1 freezer holds); empty if it runs, exited, or cannot be told.
     */
    default Optional<String> wchan(int id) {
        return Optional.empty();
    }

    /** The process ids of the JVM running Corral and its threads: never moved, frozen or killed. */
    default long self() {
        return ProcessHandle.current().pid();
    }
}
