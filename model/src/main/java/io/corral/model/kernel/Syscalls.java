package io.corral.model.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;

/**
 * The few libc calls the sampler makes on every tick, bound by JNA direct mapping with
 * primitive arguments only (paths and buffers passed as native addresses), so a call
 * allocates nothing on the Java heap: {@code FileChannel.open} allocates about 1 KB per
 * file in Java 17, a {@code DirectoryStream} a string per entry. Linux on a 64-bit ABI
 * ({@code size_t}/{@code ssize_t}/{@code off_t} are {@code long}).
 *
 * <p>errno after a failed call is {@link Native#getLastError()} (JNA saves it per thread
 * right after the call, before the JVM can overwrite it).
 *
 * <p>One owner per instance (one sampler thread): the path scratch is shared by its calls.
 */
public final class Syscalls {
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int STATX_NLINK = 0x4;
    static final int STATX_INO = 0x100;
    /** struct statx: stx_nlink (u32) and stx_ino (u64), the same on every architecture. */
    static final int STX_NLINK = 16;
    static final int STX_INO = 32;

    private static final boolean BOUND;

    static {
        boolean ok;
        try {
            ok = Native.LONG_SIZE == 8 && Platform.isLinux();
            if (ok) {
                Native.register(Syscalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            }
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            ok = false;
        }
        BOUND = ok;
    }

    private static native int open(long path, int flags);

    private static native long pread(int fd, long buf, long count, long offset);

    private static native int close(int fd);

    private static native long getdents64(int fd, long buf, long count);

    private static native int statx(int dirfd, long path, int flags, int mask, long buf);

    private static native int inotify_init1(int flags);

    private static native int inotify_add_watch(int fd, long path, int mask);

    private static native int inotify_rm_watch(int fd, int wd);

    private static native long read(int fd, long buf, long count);

    private final Memory scratch = new Memory(4352);
    private final long path = Pointer.nativeValue(scratch);
    private final long statBuf = path + 4096;
    private ByteBuffer lastBuffer;
    private long lastAddress;

    /** @throws UnsupportedOperationException if libc could not be bound (not 64-bit Linux) */
    public Syscalls() {
        if (!BOUND) {
            throw new UnsupportedOperationException("libc calls need 64-bit Linux with JNA's native library");
        }
    }

    /** {@code open(prefix + suffix, O_RDONLY | O_CLOEXEC)}: the fd, or {@code -errno}. */
    public int openRead(byte[] prefix, byte[] suffix) {
        return openRead(prefix, suffix, suffix == null ? 0 : suffix.length);
    }

    /** {@code open} of {@code prefix} followed by the first {@code suffixLength} bytes of {@code suffix}. */
    public int openRead(byte[] prefix, byte[] suffix, int suffixLength) {
        if (!putPath(prefix, suffix, suffixLength)) {
            return -36; // ENAMETOOLONG
        }
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        return fd >= 0 ? fd : -Native.getLastError();
    }

    /** {@code pread(fd, buf, capacity, 0)} into a direct buffer: the byte count, or {@code -errno}. */
    public int readAtZero(int fd, ByteBuffer buf) {
        long n = pread(fd, address(buf), buf.capacity(), 0);
        return n >= 0 ? (int) n : -Native.getLastError();
    }

    /**
     * Opens {@code prefix + suffix} ({@code suffix} may be null), reads it from offset 0 into
     * {@code buf} (cleared; limit set to the length) and closes it: for files read rarely.
     *
     * @return the number of bytes, or {@code -errno}
     */
    public int readFile(byte[] prefix, byte[] suffix, ByteBuffer buf) {
        buf.clear();
        int fd = openRead(prefix, suffix);
        if (fd < 0) {
            return fd;
        }
        int n = readAtZero(fd, buf);
        closeFd(fd);
        if (n >= 0) {
            buf.limit(n);
        }
        return n;
    }

    /** {@code getdents64(fd, buf, capacity)}: the byte count (0 at the end), or {@code -errno}. */
    public int directoryEntries(int fd, ByteBuffer buf) {
        long n = getdents64(fd, address(buf), buf.capacity());
        return n >= 0 ? (int) n : -Native.getLastError();
    }

    public void closeFd(int fd) {
        close(fd); // a read-only fd: nothing to lose; EINTR still closed it on Linux
    }

    /**
     * {@code statx} without following a last symlink, inode and link count only: the inode,
     * or {@code -errno}; {@link #lastLinks()} then holds the link count.
     */
    public long inode(byte[] prefix, byte[] suffix) {
        if (!putPath(prefix, suffix, suffix == null ? 0 : suffix.length)) {
            return -36;
        }
        int r = statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_INO | STATX_NLINK, statBuf);
        if (r != 0) {
            return -Native.getLastError();
        }
        return scratch.getLong(4096 + STX_INO);
    }

    /** {@code inotify_init1(IN_NONBLOCK | IN_CLOEXEC)}: the fd, or {@code -errno}. */
    public int inotifyInit() {
        int fd = inotify_init1(0x800 | O_CLOEXEC);
        return fd >= 0 ? fd : -Native.getLastError();
    }

    /** {@code inotify_add_watch(fd, path, mask)}: the watch descriptor, or {@code -errno}. */
    public int addWatch(int fd, byte[] path, int mask) {
        if (!putPath(path, null, 0)) {
            return -36;
        }
        int wd = inotify_add_watch(fd, this.path, mask);
        return wd >= 0 ? wd : -Native.getLastError();
    }

    /** {@code inotify_rm_watch}: 0, or {@code -errno} (EINVAL once the kernel dropped the watch itself). */
    public int removeWatch(int fd, int wd) {
        return inotify_rm_watch(fd, wd) == 0 ? 0 : -Native.getLastError();
    }

    /** {@code read(fd, buf, capacity)} into a direct buffer: the byte count, or {@code -errno}. */
    public int readFd(int fd, ByteBuffer buf) {
        long n = read(fd, address(buf), buf.capacity());
        return n >= 0 ? (int) n : -Native.getLastError();
    }

    /** The link count of the last successful {@link #inode}. */
    public long lastLinks() {
        return Integer.toUnsignedLong(scratch.getInt(4096 + STX_NLINK));
    }

    /** The NUL-terminated bytes of {@code prefix} followed by {@code suffix} (may be null). */
    private boolean putPath(byte[] prefix, byte[] suffix, int suffixLength) {
        int n = prefix.length + suffixLength;
        if (n >= 4096) {
            return false;
        }
        scratch.write(0, prefix, 0, prefix.length);
        if (suffixLength > 0) {
            scratch.write(prefix.length, suffix, 0, suffixLength);
        }
        scratch.setByte(n, (byte) 0);
        return true;
    }

    private long address(ByteBuffer buf) {
        if (buf != lastBuffer) {
            if (!buf.isDirect()) {
                throw new IllegalArgumentException("a direct buffer is needed");
            }
            lastAddress = Pointer.nativeValue(Native.getDirectBufferPointer(buf));
            lastBuffer = buf;
        }
        return lastAddress;
    }

    /** The {@link Errno} of an errno number (UNKNOWN for the ones Corral does not name). */
    public static Errno errno(int number) {
        return switch (number) {
            case 1 -> Errno.EPERM;
            case 2 -> Errno.ENOENT;
            case 3 -> Errno.ESRCH;
            case 4 -> Errno.EINTR;
            case 7 -> Errno.E2BIG;
            case 11 -> Errno.EAGAIN;
            case 13 -> Errno.EACCES;
            case 16 -> Errno.EBUSY;
            case 17 -> Errno.EEXIST;
            case 19 -> Errno.ENODEV;
            case 20 -> Errno.ENOTDIR;
            case 21 -> Errno.EISDIR;
            case 22 -> Errno.EINVAL;
            case 28 -> Errno.ENOSPC;
            case 30 -> Errno.EROFS;
            case 34 -> Errno.ERANGE;
            case 36 -> Errno.ENAMETOOLONG;
            case 39 -> Errno.ENOTEMPTY;
            case 40 -> Errno.ELOOP;
            case 95 -> Errno.EOPNOTSUPP;
            default -> Errno.UNKNOWN;
        };
    }

    /** The file, its group or its task is gone: ENOENT, ENODEV (kernfs node removed), ESRCH (task exited). */
    public static boolean gone(int errno) {
        return errno == 2 || errno == 19 || errno == 3;
    }
}
