package io.corral.model.checkpoint;

import java.util.Optional;

/**
 * What the CRIU self-test found: whether checkpointing can be offered, and why not.
 *
 * @param available   dump and restore of a throwaway process worked
 * @param reason      for people: why it is unavailable, or what was needed ("needs CRIU_FAULT=130")
 * @param command     the CRIU command that worked (with any environment it needed), if one was found
 * @param version     {@code criu --version}, e.g. "4.2.1"
 * @param check       the output of {@code criu check}
 * @param dumpMillis  duration of the throwaway dump, or -1
 * @param restoreMillis duration of the throwaway restore, or -1
 */
public record CriuStatus(boolean available, String reason, Optional<CriuCommand> command, Optional<String> version,
                         String check, long dumpMillis, long restoreMillis) {

    public static CriuStatus unavailable(String reason, Optional<CriuCommand> command, Optional<String> version,
                                         String check) {
        return new CriuStatus(false, reason, command, version, check, -1, -1);
    }

    /** The command to use; throws with the reason when CRIU is unavailable. */
    public CriuCommand require() throws CheckpointException {
        if (!available || command.isEmpty()) {
            throw new CheckpointException("checkpointing is unavailable: " + reason);
        }
        return command.get();
    }
}
