package io.corral.model.proc;

import java.util.Objects;

/**
 * One thread of a process as procfs shows it ({@code /proc/<pid>/task/<tid>/}).
 *
 * @param tid   the thread id (equal to the pid for the main thread)
 * @param name  the thread's name from {@code comm} (set by prctl(PR_SET_NAME); at most 15 bytes)
 * @param state the one-letter state of the thread's own {@code stat}
 */
public record ThreadInfo(int tid, String name, ProcessState state) {
    public ThreadInfo {
        Objects.requireNonNull(name);
        Objects.requireNonNull(state);
    }
}
