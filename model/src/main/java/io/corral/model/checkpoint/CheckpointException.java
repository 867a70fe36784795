package io.corral.model.checkpoint;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A checkpoint, restore or catalog operation that did not happen, with a message for
 * people and, where CRIU ran, its log and the error line with context.
 */
public final class CheckpointException extends Exception {
    private final Path log;
    private final String logExcerpt;

    public CheckpointException(String message) {
        this(message, null, null, null);
    }

    public CheckpointException(String message, Throwable cause) {
        this(message, null, null, cause);
    }

    public CheckpointException(String message, Path log, String logExcerpt, Throwable cause) {
        super(message, cause);
        this.log = log;
        this.logExcerpt = logExcerpt;
    }

    /** The CRIU log kept for the user. */
    public Optional<Path> log() {
        return Optional.ofNullable(log);
    }

    /** CRIU's first error line with the lines around it. */
    public Optional<String> logExcerpt() {
        return Optional.ofNullable(logExcerpt);
    }
}
