package io.corral.model.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A kernel refusal with everything needed to explain it: the operation, the path,
 * the errno and the value written (Java's own exceptions carry at most one of these).
 */
public final class KernelException extends IOException {

    /** What was being attempted. */
    public enum Op { READ, WRITE, MKDIR, RMDIR, RENAME, LIST, OPEN }

    private final Op op;
    private final Path path;
    private final Errno errno;
    private final String value;

    public KernelException(Op op, Path path, Errno errno, String value, Throwable cause) {
        super(describe(op, path, errno, value), cause);
        this.op = Objects.requireNonNull(op);
        this.path = Objects.requireNonNull(path);
        this.errno = Objects.requireNonNull(errno);
        this.value = value;
    }

    public Op op() {
        return op;
    }

    public Path path() {
        return path;
    }

    public Errno errno() {
        return errno;
    }

    /** The value written, for {@link Op#WRITE}. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    private static String describe(Op op, Path path, Errno errno, String value) {
        StringBuilder sb = new StringBuilder();
        sb.append(op.name().toLowerCase()).append(' ');
        if (value != null) {
            sb.append('"').append(printable(value)).append("\" to ");
        }
        sb.append(path).append(": ").append(errno.name());
        if (!errno.strerror().isEmpty()) {
            sb.append(" (").append(errno.strerror()).append(')');
        }
        return sb.toString();
    }

    private static String printable(String value) {
        String v = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return v.replace("\n", "\\n");
    }
}
