package io.corral.model.sample;

import io.corral.model.kernel.ChildDirectories;
import io.corral.model.kernel.KeptFiles;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.kernel.Syscalls;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The fd side of the tracking sampler: a group's hot counters read through kept fds
 * ({@link KeptFiles}) into one reused direct buffer and compared with the previous reading
 * by length and fingerprint; a fingerprint of every file a full reading would read (opened, read and
 * closed, nothing kept); and the inode of a group directory ({@code statx}). None of these
 * allocates on the Java heap while nothing changed, which is every tick for an idle group.
 *
 * <p>One sampler thread owns it.
 */
final class CounterFiles implements AutoCloseable {
    static final int CHANGED = 1;
    /** A hot file that was there is gone: the group may have been removed. */
    static final int MAYBE_GONE = 2;
    /** What {@link #inode} returns for a directory that is not there (any more). */
    static final long GONE = -1;

    private final KeptFiles files;
    private final Syscalls sys = new Syscalls();
    private final ByteBuffer buf = ByteBuffer.allocateDirect(16_384);
    /** Lists a directory's subdirectories without allocating ({@link TrackedHierarchy#relistAll}). */
    final ChildDirectories listing = new ChildDirectories(sys);
    private long links;

    CounterFiles(Path root, int fdBudget) {
        this.files = new KeptFiles(root, fdBudget);
    }

    void nextTick() {
        files.nextTick();
    }

    /** Handles (nothing opened yet) for the files {@code names} ({@link #suffixes}) in {@code dir} ({@link #dirBytes}). */
    KeptFiles.Handle[] handles(byte[] dir, byte[][] names) {
        if (names.length == 0) {
            return NO_HANDLES;
        }
        KeptFiles.Handle[] hot = new KeptFiles.Handle[names.length];
        for (int i = 0; i < hot.length; i++) {
            hot[i] = files.handle(dir, names[i]);
        }
        return hot;
    }

    private static final KeptFiles.Handle[] NO_HANDLES = new KeptFiles.Handle[0];

    /** The directory as path bytes for {@link #fingerprint} and {@link #inode}. */
    byte[] dirBytes(Path dir) throws KernelException {
        return files.pathBytes(dir);
    }

    /** File names as the suffixes {@link #fingerprint} takes ({@code /name}). */
    static byte[][] suffixes(List<String> names) {
        byte[][] out = new byte[names.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ("/" + names.get(i)).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /**
     * Reads the node's hot files and remembers a fingerprint of what they held (not their
     * bytes: 12 bytes per file instead of a copy; a change that keeps the 64-bit FNV-1a
     * fingerprint is missed with a chance of about 2^-64).
     *
     * @return {@link #CHANGED} and/or {@link #MAYBE_GONE}, or 0 if every file held the same bytes
     */
    int readHot(TrackedNode n, List<ReadProblem> problems) {
        int result = 0;
        for (KeptFiles.Handle h : n.hot) {
            int len;
            try {
                len = files.read(h, buf);
            } catch (KernelException e) {
                problems.add(ReadProblem.of(e));
                continue;
            }
            long print = KeptFiles.print(KeptFiles.PRINT_SEED, buf, len);
            // A file that fills the buffer may be longer: never call it unchanged.
            if (len == h.lastLength() && print == h.lastPrint() && len < buf.capacity()) {
                continue;
            }
            if (len < 0 && h.lastLength() >= 0) {
                result |= MAYBE_GONE;
            }
            h.remember(len, print);
            result |= CHANGED;
        }
        return result;
    }

    /**
     * A 64-bit FNV-1a hash over the length (or -errno) and bytes of each file {@code dir +
     * names[i]}: equal fingerprints mean, up to a hash collision, that a full reading would
     * give the same group. Only the first 16 KiB of a file count (the files read are small).
     */
    long fingerprint(byte[] dir, byte[][] names) {
        long h = KeptFiles.PRINT_SEED;
        for (byte[] name : names) {
            h = KeptFiles.print(h, buf, files.readOnce(dir, name, buf));
        }
        return h;
    }

    /** A kept file's text now, read through its kept fd (for tests and messages). */
    String text(KeptFiles.Handle h) throws KernelException {
        int len = files.read(h, buf);
        byte[] b = new byte[Math.max(0, len)];
        buf.get(0, b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The inode of a directory ({@code statx}, not following a symlink), or {@link #GONE};
     * {@link #links()} then holds its link count.
     */
    long inode(byte[] dir) throws KernelException {
        return inode(dir, null);
    }

    /** The same for {@code dir} followed by {@code suffix} ({@code /name}; null: none). */
    long inode(byte[] dir, byte[] suffix) throws KernelException {
        long ino = sys.inode(dir, suffix);
        if (ino < 0) {
            int errno = (int) -ino;
            if (Syscalls.gone(errno) || errno == 20) { // ENOTDIR: a file took its place
                return GONE;
            }
            String p = new String(dir, StandardCharsets.UTF_8) + (suffix == null ? "" : new String(suffix, StandardCharsets.UTF_8));
            throw new KernelException(KernelException.Op.READ, Path.of(p),
                    Syscalls.errno(errno), null, null);
        }
        links = sys.lastLinks();
        return ino;
    }

    /** The link count of the last directory {@link #inode} found (kernfs: 2 + subdirectories). */
    long links() {
        return links;
    }

    void release(TrackedNode n) {
        for (KeptFiles.Handle f : n.hot) {
            files.release(f);
        }
    }

    int openCount() {
        return files.openCount();
    }

    @Override
    public void close() {
        files.close();
    }

}
