package io.corral.model.command;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened, and what the kernel holds afterwards (re-read, because the
 * kernel clamps or ignores some values).
 *
 * @param what  e.g. {@code moved 4242 into cpu:/web}
 * @param holds what the file says now, e.g. {@code 50000 100000}; empty when nothing to re-read
 */
public record Step(String what, Optional<String> holds) {
    public Step {
        Objects.requireNonNull(what);
        Objects.requireNonNull(holds);
    }

    public static Step done(String what) {
        return new Step(what, Optional.empty());
    }

    public static Step done(String what, String holds) {
        return new Step(what, Optional.of(holds));
    }

    @Override
    public String toString() {
        return holds.map(h -> what + " (kernel holds: " + h + ")").orElse(what);
    }
}
