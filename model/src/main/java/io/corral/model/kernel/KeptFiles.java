package io.corral.model.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A bounded set of kept-open files that are re-read at offset 0 ({@code pread(fd, buf, n, 0)})
 * instead of being opened, read and closed on every tick: on cgroupfs and procfs a read at
 * offset 0 runs the file's show function again, so a kept fd returns fresh values for
 * counter files (verified per file type; NOT for v1 {@code cgroup.procs}/{@code tasks},
 * whose pid list the kernel caches per open file).
 *
 * <p>The hard fd limit here is 20 000 and each kept fd costs the kernel a few KiB, so at most
 * {@code capacity} files stay open. When the set is full, a file that was not read during the
 * last tick is closed to make room (least recently read first); if every kept file is in
 * use, the new file is read with open/read/close instead. That policy never thrashes on the
 * sampler's cyclic scan, unlike plain LRU. ("Not read during the last tick": neither in the
 * current tick nor in the one before, so a file read late in the previous tick stays.)
 *
 * <p>A kept fd of a file whose group was removed reads ENODEV (kernfs deactivated the node);
 * a kept {@code /proc/<pid>/...} fd of an exited task reads ESRCH. The fd is then closed and
 * the path opened once more, so a group removed and recreated under the same path is read
 * from its new file. Absent files read as {@code -1}, never as zero.
 *
 * <p>Files are opened and read with libc {@code open}/{@code pread}/{@code close}
 * ({@link Syscalls}) on pre-encoded path bytes into the caller's direct buffer: a read
 * allocates nothing, kept or not (Java 17's {@code FileChannel} allocates on every open and
 * on every positional read).
 *
 * <p>Not thread-safe: one sampler thread owns it.
 */
public final class KeptFiles implements AutoCloseable {

    /**
     * One file: its path (directory bytes, shared with whoever keeps the directory, and a
     * {@code /name} suffix, usually shared by every handle of that file name), while kept
     * its open fd, and a fingerprint of what its last reading held ({@link #remember}).
     */
    public static final class Handle {
        private final byte[] dir;
        private final byte[] name;
        private int fd = -1;
        private long lastTick;
        private Handle prev;
        private Handle next;
        private int lastLength = NEVER_READ;
        private long lastPrint;

        private Handle(byte[] dir, byte[] name) {
            this.dir = dir;
            this.name = name;
        }

        /** Made again from the bytes on each call: for messages and baselines, not for reading. */
        public Path path() {
            return Path.of(new String(dir, StandardCharsets.UTF_8) + new String(name, StandardCharsets.UTF_8));
        }

        public boolean isKept() {
            return fd >= 0;
        }

        /** The length {@link #remember}ed ({@link #NEVER_READ} before the first; -1: absent). */
        public int lastLength() {
            return lastLength;
        }

        /** The fingerprint {@link #remember}ed ({@link KeptFiles#print}). */
        public long lastPrint() {
            return lastPrint;
        }

        /**
         * Keeps what a reading held as its length and a 64-bit fingerprint instead of its bytes:
         * a reader that only needs to know whether a file changed keeps 12 bytes per file.
         */
        public void remember(int length, long print) {
            lastLength = length;
            lastPrint = print;
        }
    }

    /** {@link Handle#lastLength()} of a handle never {@link Handle#remember}ed. */
    public static final int NEVER_READ = -2;

    /** The first {@code seed} of {@link #print} (FNV-1a's offset basis). */
    public static final long PRINT_SEED = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final Path root;
    private final int capacity;
    private final Syscalls sys = new Syscalls();
    private int open;
    private long tick;
    private Handle oldest;
    private Handle newest;

    /**
     * @param root     every file must lie beneath it (the host root of cgroupfs or procfs)
     * @param capacity files that may stay open at once
     */
    public KeptFiles(Path root, int capacity) {
        this.root = root.toAbsolutePath().normalize();
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** A handle for {@code file}; nothing is opened until the first read. */
    public Handle handle(Path file) throws KernelException {
        Path n = checked(file);
        if (n.getParent() == null) {
            throw new KernelException(KernelException.Op.OPEN, file, Errno.EISDIR, null, null);
        }
        return new Handle(bytes(n.getParent()), ("/" + n.getFileName()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A handle for the file {@code name} in {@code dir}, keeping both arrays (not copied: they
     * must not change).
     *
     * @param dir  from {@link #pathBytes}
     * @param name {@code /} and a file name (no other {@code /}, not {@code /.} or {@code /..})
     */
    public Handle handle(byte[] dir, byte[] name) {
        if (name.length < 2 || name[0] != '/' || (name[1] == '.' && (name.length == 2 || name.length == 3 && name[2] == '.'))) {
            throw new IllegalArgumentException("not /NAME: " + new String(name, StandardCharsets.UTF_8));
        }
        for (int i = 1; i < name.length; i++) {
            if (name[i] == '/' || name[i] == 0) {
                throw new IllegalArgumentException("not /NAME: " + new String(name, StandardCharsets.UTF_8));
            }
        }
        return new Handle(dir, name);
    }

    /** {@code file} as bytes for {@link #readOnce} and {@link #handle(byte[], byte[])}, after the same check as {@link #handle}. */
    public byte[] pathBytes(Path file) throws KernelException {
        return bytes(checked(file));
    }

    private static byte[] bytes(Path checked) {
        return checked.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A 64-bit FNV-1a hash of {@code seed}, the length {@code len} (or -errno) and the first
     * {@code len} bytes of {@code buf}: chain calls through {@code seed} to print several
     * files; start with {@link #PRINT_SEED}.
     */
    public static long print(long seed, ByteBuffer buf, int len) {
        long h = (seed ^ len) * FNV_PRIME;
        for (int i = 0; i < len; i++) {
            h = (h ^ (buf.get(i) & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    private Path checked(Path file) throws KernelException {
        Path n = file.toAbsolutePath().normalize();
        if (!n.startsWith(root) || !n.equals(file.toAbsolutePath())) {
            throw new KernelException(KernelException.Op.OPEN, file, Errno.EPERM, null,
                    new IllegalArgumentException("path is not a normalized path beneath " + root));
        }
        return n;
    }

    /** Starts a new tick: files read in this tick are "in use" and are not closed to make room. */
    public void nextTick() {
        tick++;
    }

    /**
     * Reads the whole file into {@code buf} (a direct buffer; position 0, limit the length).
     *
     * @return the number of bytes, or -1 if the file does not exist (ENOENT, ENODEV, ESRCH)
     * @throws KernelException for any other failure (EACCES, ...)
     */
    public int read(Handle h, ByteBuffer buf) throws KernelException {
        buf.clear();
        if (h.fd >= 0) {
            int n = sys.readAtZero(h.fd, buf);
            if (n >= 0) {
                touch(h);
                buf.limit(n);
                return n;
            }
            release(h);
            if (!Syscalls.gone(-n)) {
                throw failed(KernelException.Op.READ, h.path(), -n);
            }
            // the group may have been recreated under the same path: open again
        }
        int fd = sys.openRead(h.dir, h.name);
        if (fd < 0) {
            return absentOrThrow(KernelException.Op.OPEN, h, -fd);
        }
        int n = sys.readAtZero(fd, buf);
        if (n < 0) {
            sys.closeFd(fd);
            return absentOrThrow(KernelException.Op.READ, h, -n);
        }
        if (makeRoom()) {
            h.fd = fd;
            open++;
            link(h);
        } else {
            sys.closeFd(fd);
        }
        buf.limit(n);
        return n;
    }

    /**
     * Opens {@code dir + name} (bytes from {@link #pathBytes}; {@code name} starts with
     * {@code /}), reads it whole into {@code buf} and closes it again: for files read rarely.
     *
     * @return the number of bytes, or {@code -errno} (never throws: the caller decides)
     */
    public int readOnce(byte[] dir, byte[] name, ByteBuffer buf) {
        return sys.readFile(dir, name, buf);
    }

    /** Closes the handle's fd (if kept); the handle can still be read (it opens again). */
    public void release(Handle h) {
        if (h.fd >= 0) {
            sys.closeFd(h.fd);
            h.fd = -1;
            open--;
            unlink(h);
        }
    }

    /** Files open now. */
    public int openCount() {
        return open;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        while (oldest != null) {
            release(oldest);
        }
    }

    private static int absentOrThrow(KernelException.Op op, Handle h, int errno) throws KernelException {
        if (Syscalls.gone(errno)) {
            return -1;
        }
        throw failed(op, h.path(), errno);
    }

    private static KernelException failed(KernelException.Op op, Path path, int errno) {
        return new KernelException(op, path, Syscalls.errno(errno), null, null);
    }

    private boolean makeRoom() {
        if (open < capacity) {
            return true;
        }
        if (oldest != null && oldest.lastTick < tick - 1) {
            release(oldest);
            return true;
        }
        return false;
    }

    private void touch(Handle h) {
        h.lastTick = tick;
        if (h != newest) {
            unlink(h);
            link(h);
        }
    }

    private void link(Handle h) {
        h.lastTick = tick;
        h.prev = newest;
        h.next = null;
        if (newest != null) {
            newest.next = h;
        }
        newest = h;
        if (oldest == null) {
            oldest = h;
        }
    }

    private void unlink(Handle h) {
        if (h.prev != null) {
            h.prev.next = h.next;
        } else if (oldest == h) {
            oldest = h.next;
        }
        if (h.next != null) {
            h.next.prev = h.prev;
        } else if (newest == h) {
            newest = h.prev;
        }
        h.prev = null;
        h.next = null;
    }

}
