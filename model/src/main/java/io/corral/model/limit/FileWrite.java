package io.corral.model.limit;

import java.util.Objects;

/** One {@code write(2)} of {@code text} to the interface file {@code file} of a group. */
public record FileWrite(String file, String text) {
    public FileWrite {
        Objects.requireNonNull(file);
        Objects.requireNonNull(text);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty write to " + file + " (makes no syscall)");
        }
    }

    @Override
    public String toString() {
        return file + " <- " + text;
    }
}
