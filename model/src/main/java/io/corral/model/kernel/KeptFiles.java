package io.corral.model.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
 * <p>Not thread-safe: one sampler thread owns it.
 */
public final class KeptFiles implements AutoCloseable {

    /** One file: its path and, while kept, its open channel. */
    public static final class Handle {
        private final Path path;
        private FileChannel channel;
        private long lastTick;
        private Handle prev;
        private Handle next;

        private Handle(Path path) {
            this.path = path;
        }

        public Path path() {
            return path;
        }

        public boolean isKept() {
            return channel != null;
        }
    }

    private final Path root;
    private final int capacity;
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
        Path n = file.toAbsolutePath().normalize();
        if (!n.startsWith(root) || !n.equals(file.toAbsolutePath())) {
            throw new KernelException(KernelException.Op.OPEN, file, Errno.EPERM, null,
                    new IllegalArgumentException("path is not a normalized path beneath " + root));
        }
        return new Handle(n);
    }

    /** Starts a new tick: files read in this tick are "in use" and are not closed to make room. */
    public void nextTick() {
        tick++;
    }

    /**
     * Reads the whole file into {@code buf} (cleared first, flipped after).
     *
     * @return the number of bytes, or -1 if the file does not exist (ENOENT, ENODEV, ESRCH)
     * @throws KernelException for any other failure (EACCES, ...)
     */
    public int read(Handle h, ByteBuffer buf) throws KernelException {
        buf.clear();
        if (h.channel != null) {
            try {
                int n = readAll(h.channel, buf);
                touch(h);
                buf.flip();
                return n;
            } catch (IOException e) {
                release(h);
                KernelException k = CgroupFs.translate(KernelException.Op.READ, h.path, null, e);
                if (!gone(k.errno())) {
                    throw k;
                }
                buf.clear(); // the group may have been recreated under the same path: open again
            }
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(h.path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            KernelException k = CgroupFs.translate(KernelException.Op.OPEN, h.path, null, e);
            if (gone(k.errno())) {
                return -1;
            }
            throw k;
        }
        int n;
        try {
            n = readAll(ch, buf);
        } catch (IOException e) {
            closeQuietly(ch);
            KernelException k = CgroupFs.translate(KernelException.Op.READ, h.path, null, e);
            if (gone(k.errno())) {
                return -1;
            }
            throw k;
        }
        if (makeRoom()) {
            h.channel = ch;
            open++;
            link(h);
        } else {
            closeQuietly(ch);
        }
        buf.flip();
        return n;
    }

    /** Closes the handle's fd (if kept); the handle can still be read (it opens again). */
    public void release(Handle h) {
        if (h.channel != null) {
            closeQuietly(h.channel);
            h.channel = null;
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

    private static boolean gone(Errno e) {
        return e == Errno.ENOENT || e == Errno.ENODEV || e == Errno.ESRCH;
    }

    /**
     * One pread at offset 0: kernfs and procfs seq files return a small file whole. A file
     * that fills the buffer may be longer: callers size the buffer for the files they keep
     * and treat {@code n == buf.capacity()} as "read it another way".
     */
    private static int readAll(FileChannel ch, ByteBuffer buf) throws IOException {
        return Math.max(0, ch.read(buf, 0));
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

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing a read-only fd cannot lose data
        }
    }
}
