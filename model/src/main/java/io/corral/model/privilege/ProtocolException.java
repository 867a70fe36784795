package io.corral.model.privilege;

import java.util.Objects;

/** A request the helper refuses before running anything, with the typed reason. */
public class ProtocolException extends Exception {
    private final ProtocolError kind;

    public ProtocolException(ProtocolError kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
    }

    public ProtocolError kind() {
        return kind;
    }
}
