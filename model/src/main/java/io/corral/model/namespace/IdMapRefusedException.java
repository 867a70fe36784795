package io.corral.model.namespace;

import io.corral.model.kernel.Errno;

import java.util.Optional;

/**
 * A map write that Corral or the kernel refused, with the reason in people's words. The
 * kernel answers EPERM for a second write (maps are write-once) and for a writer without
 * the capability, EINVAL for ranges it does not accept.
 */
public final class IdMapRefusedException extends Exception {
    private final IdMapKind kind;
    private final Errno errno;

    public IdMapRefusedException(IdMapKind kind, Errno errno, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errno = errno;
    }

    public IdMapKind kind() {
        return kind;
    }

    /** The kernel's errno, or empty when Corral refused before writing. */
    public Optional<Errno> errno() {
        return Optional.ofNullable(errno);
    }
}
