package io.corral.model.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Extended attributes of a file, read with getxattr(2). Java's
 * {@code UserDefinedFileAttributeView} only reaches the {@code user.} namespace, and systemd
 * marks delegated cgroups with {@code trusted.delegate} (readable by root only), so this
 * goes to libc. Read-only: Corral never sets attributes on cgroups.
 */
public final class Xattrs {
    private static final int MAX_VALUE = 256;

    interface LibC extends Library {
        long getxattr(String path, String name, byte[] value, long size) throws LastErrorException;
    }

    /** Loaded on first use (the holder idiom: the JVM runs this once, thread-safely). */
    private static final class Libc {
        static final LibC INSTANCE = Native.load("c", LibC.class);
    }

    private Xattrs() {
    }

    /**
     * The value of attribute {@code name} (e.g. {@code trusted.delegate}); empty when the file
     * has no such attribute, the file system keeps none, the file is gone, or this process may
     * not read that namespace. Values longer than 256 bytes are not expected here and read
     * as absent.
     */
    public static Optional<String> read(Path file, String name) {
        byte[] buf = new byte[MAX_VALUE];
        try {
            long n = Libc.INSTANCE.getxattr(file.toString(), name, buf, buf.length);
            return Optional.of(new String(buf, 0, (int) n, StandardCharsets.UTF_8));
        } catch (LastErrorException e) {
            // ENODATA: no such attribute; EOPNOTSUPP: the file system keeps none; ENOENT: the
            // group is gone; EPERM: trusted.* without CAP_SYS_ADMIN; ERANGE: too long.
            return Optional.empty();
        } catch (LinkageError e) {
            // No libc to load (not Linux): no attributes to read.
            return Optional.empty();
        }
    }
}
