package io.corral.model.checkpoint;

/**
 * Choices of the checkpoint dialog / CLI.
 *
 * @param leaveRunning   keep the workload running after the dump ({@code --leave-running})
 * @param tcpEstablished dump established TCP connections ({@code --tcp-established})
 * @param fileLocks      dump file locks ({@code --file-locks})
 * @param label          a name for people (may be empty)
 */
public record CheckpointOptions(boolean leaveRunning, boolean tcpEstablished, boolean fileLocks, String label) {
    public static final CheckpointOptions DEFAULT = new CheckpointOptions(false, false, false, "");

    public CheckpointOptions {
        label = label == null ? "" : label;
    }

    public CheckpointOptions withLeaveRunning(boolean v) {
        return new CheckpointOptions(v, tcpEstablished, fileLocks, label);
    }
}
