package io.corral.model.checkpoint;

import java.time.Duration;

/**
 * Progress of a checkpoint or restore, reported from the worker thread every ~100 ms
 * (a view hands it to the FX thread itself). {@link #cancelled()} is polled: returning
 * true kills CRIU, and the workload is thawed and resumed.
 */
public interface Progress {
    enum Phase { PREFLIGHT, DUMPING, HASHING, COMMITTING, STOPPING, VERIFYING, PREPARING_GROUPS, RESTORING,
        APPLYING_LIMITS, DONE }

    void update(Phase phase, Duration elapsed, long bytes);

    default boolean cancelled() {
        return false;
    }

    Progress NONE = (phase, elapsed, bytes) -> { };
}
