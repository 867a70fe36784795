package io.corral.model.limit;

import java.util.Objects;

/**
 * A limit as read from a group: the typed value, the interface file it came from and that
 * file's text (trimmed) as the kernel wrote it.
 */
public record Limit(Knob knob, LimitValue value, String file, String raw) {
    public Limit {
        Objects.requireNonNull(knob);
        Objects.requireNonNull(value);
        Objects.requireNonNull(file);
        Objects.requireNonNull(raw);
    }
}
