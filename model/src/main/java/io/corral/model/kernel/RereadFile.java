package io.corral.model.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A small file read again on every tick and decoded only when its bytes changed: the mount
 * table, the host name, the online CPUs. Reading goes through {@link Syscalls} into a reused
 * direct buffer and is compared with the last reading byte for byte, so an unchanged file
 * costs an open, a pread and a close and allocates nothing on the Java heap.
 *
 * <p>The whole file is read with one {@code pread} at offset 0; a buffer that comes back
 * full is doubled and the read repeated (seq_file files such as {@code mountinfo} fill a
 * large read completely).
 *
 * <p>One owner (the sampler thread).
 */
public final class RereadFile {
    private final Path file;
    private final byte[] path;
    private final Syscalls sys;
    private ByteBuffer buf = ByteBuffer.allocateDirect(8192);
    private byte[] last = new byte[0];
    private int lastLength = -1;

    /**
     * @param file an absolute path on this machine (fixture trees included)
     * @param sys  the caller's libc calls (one owner)
     */
    public RereadFile(Path file, Syscalls sys) {
        this.file = file;
        this.path = file.toString().getBytes(StandardCharsets.UTF_8);
        this.sys = sys;
    }

    /**
     * Reads the file again.
     *
     * @return true on the first reading and whenever the bytes differ from the last reading
     * @throws KernelException if it cannot be opened or read (ENOENT included: the callers'
     *                         files always exist on a live host)
     */
    public boolean changed() throws KernelException {
        int n = readWhole();
        if (n == lastLength && sameAsLast(n)) {
            return false;
        }
        if (last.length < n) {
            last = new byte[Math.max(n, last.length * 2)];
        }
        buf.get(0, last, 0, n);
        lastLength = n;
        return true;
    }

    /** The text of the last reading (decoded now: call it when {@link #changed()} said so). */
    public String text() {
        return new String(last, 0, Math.max(0, lastLength), StandardCharsets.UTF_8);
    }

    private boolean sameAsLast(int n) {
        for (int i = 0; i < n; i++) {
            if (buf.get(i) != last[i]) {
                return false;
            }
        }
        return true;
    }

    private int readWhole() throws KernelException {
        while (true) {
            int n = sys.readFile(path, null, buf);
            if (n < 0) {
                throw error(-n);
            }
            if (n < buf.capacity()) {
                return n;
            }
            buf = ByteBuffer.allocateDirect(buf.capacity() * 2);
        }
    }

    private KernelException error(int errno) {
        return new KernelException(KernelException.Op.READ, file, Syscalls.errno(errno), null, null);
    }
}
