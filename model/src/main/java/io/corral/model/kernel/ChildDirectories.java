package io.corral.model.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The subdirectories of one directory, read with {@code getdents64} into a reused direct
 * buffer and handed out one at a time (name bytes and inode), so that comparing a group's
 * children with what the kernel lists allocates nothing while nothing changed. A
 * {@code DirectoryStream} makes a {@code Path} and a string per entry and {@code isDirectory}
 * stats each one; a cgroup directory lists 20-50 interface files besides its children.
 *
 * <p>{@code d_ino} of a kernfs entry is the node's inode number, the one {@code statx} gives
 * (on cgroup2 the cgroup id): a child removed and made again under the same name shows a
 * new inode without a {@code statx} per child.
 *
 * <p>Use: {@link #open}, then {@link #next} until false, then {@link #close} (also after an
 * error). One owner (the sampler thread).
 */
public final class ChildDirectories implements AutoCloseable {
    /** struct linux_dirent64: u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]. */
    private static final int INO = 0;
    private static final int RECLEN = 16;
    private static final int TYPE = 18;
    private static final int NAME = 19;
    private static final int DT_DIR = 4;

    private final Syscalls sys;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(32 * 1024).order(ByteOrder.nativeOrder());
    private int fd = -1;
    private int filled;
    private int at;
    private int entry = -1;
    private int nameLength;
    private int error;

    public ChildDirectories(Syscalls sys) {
        this.sys = sys;
    }

    /** Opens {@code dir} (path bytes) for listing: 0, or {@code -errno} (ENOENT/ENODEV: gone). */
    public int open(byte[] dir) {
        close();
        int r = sys.openRead(dir, null);
        if (r < 0) {
            return r;
        }
        fd = r;
        error = 0;
        filled = 0;
        at = 0;
        return 0;
    }

    /**
     * Moves to the next subdirectory (not {@code .} or {@code ..}).
     *
     * @return false at the end or on a read error ({@link #error()})
     */
    public boolean next() {
        while (fd >= 0) {
            if (at >= filled) {
                int n = sys.directoryEntries(fd, buf);
                if (n <= 0) {
                    error = n;
                    close();
                    return false;
                }
                filled = n;
                at = 0;
            }
            int e = at;
            at += buf.getShort(e + RECLEN) & 0xffff;
            if ((buf.get(e + TYPE) & 0xff) != DT_DIR) {
                continue;
            }
            int len = 0;
            while (buf.get(e + NAME + len) != 0) {
                len++;
            }
            if ((len == 1 && buf.get(e + NAME) == '.') || (len == 2 && buf.get(e + NAME) == '.' && buf.get(e + NAME + 1) == '.')) {
                continue;
            }
            entry = e;
            nameLength = len;
            return true;
        }
        return false;
    }

    /** 0 after a complete listing, else {@code -errno} of the failed read. */
    public int error() {
        return error;
    }

    /** The current entry's inode ({@code d_ino}). */
    public long inode() {
        return buf.getLong(entry + INO);
    }

    /**
     * Compares the current entry's name with {@code bytes[from, from + length)} as unsigned
     * bytes (UTF-8 order: code point order).
     */
    public int compareName(byte[] bytes, int from, int length) {
        int n = Math.min(nameLength, length);
        for (int i = 0; i < n; i++) {
            int c = (buf.get(entry + NAME + i) & 0xff) - (bytes[from + i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return nameLength - length;
    }

    /** The current entry's name (allocates: for the few names that changed). */
    public String name() {
        byte[] b = new byte[nameLength];
        buf.get(entry + NAME, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (fd >= 0) {
            sys.closeFd(fd);
            fd = -1;
        }
    }
}
