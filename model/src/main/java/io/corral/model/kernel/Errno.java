package io.corral.model.kernel;

import java.util.Locale;
import java.util.Optional;

/**
 * The errno values a cgroupfs/procfs operation can end with, recovered from the
 * text Java puts into {@link java.io.IOException} messages (Java hides the number).
 * {@link #UNKNOWN} is used when the message does not match any of them.
 */
public enum Errno {
    EPERM("Operation not permitted"),
    ENOENT("No such file or directory"),
    ESRCH("No such process"),
    EINTR("Interrupted system call"),
    E2BIG("Argument list too long"),
    EAGAIN("Resource temporarily unavailable"),
    EACCES("Permission denied"),
    EBUSY("Device or resource busy"),
    EEXIST("File exists"),
    ENODEV("No such device"),
    ENOTDIR("Not a directory"),
    EISDIR("Is a directory"),
    EINVAL("Invalid argument"),
    ENOSPC("No space left on device"),
    EROFS("Read-only file system"),
    ERANGE("Numerical result out of range"),
    ENOTEMPTY("Directory not empty"),
    EOPNOTSUPP("Operation not supported"),
    ENAMETOOLONG("File name too long"),
    ELOOP("Too many levels of symbolic links"),
    UNKNOWN("");

    private final String strerror;

    Errno(String strerror) {
        this.strerror = strerror;
    }

    /** The glibc {@code strerror} text, as Java reports it. */
    public String strerror() {
        return strerror;
    }

    /** Finds the errno whose strerror text ends (or is) the given exception message. */
    public static Optional<Errno> fromMessage(String message) {
        if (message == null || message.isEmpty()) {
            return Optional.empty();
        }
        String m = message.toLowerCase(Locale.ROOT);
        for (Errno e : values()) {
            if (e != UNKNOWN && m.endsWith(e.strerror.toLowerCase(Locale.ROOT))) {
                return Optional.of(e);
            }
        }
        // Java spells EOPNOTSUPP as "Operation not supported" on some paths and
        // "Not supported" on others.
        if (m.endsWith("not supported")) {
            return Optional.of(EOPNOTSUPP);
        }
        return Optional.empty();
    }
}
