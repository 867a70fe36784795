package io.corral.model.namespace;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import io.corral.model.kernel.Errno;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The only code that calls into nsfs: {@code open}, {@code ioctl}, {@code fstat},
 * {@code close} through JNA. The ioctls (linux/nsfs.h, {@code _IO(0xb7, N)}) answer on an
 * open namespace file; NS_GET_USERNS and NS_GET_PARENT return a <em>new</em> file
 * descriptor for the related namespace, whose inode (the namespace's id) comes from fstat.
 *
 * <p>The kernel answers EPERM when the related namespace lies outside the caller's own
 * (the parent of the initial namespace, the owner of the initial user namespace), and
 * EINVAL for NS_GET_PARENT on a type that is not nested.
 */
public final class NsFs implements NamespaceRelations {
    static final long NS_GET_USERNS = 0xb701;
    static final long NS_GET_PARENT = 0xb702;
    static final long NS_GET_NSTYPE = 0xb703;
    static final long NS_GET_OWNER_UID = 0xb704;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    /** st_ino is the second field of struct stat on every 64-bit Linux ABI (after st_dev). */
    private static final int ST_INO_OFFSET = 8;
    private static final int STAT_SIZE = 256;

    /** The libc functions used, with errno delivered as {@link LastErrorException}. */
    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int ioctl(int fd, NativeLong request) throws LastErrorException;

        int ioctl(int fd, NativeLong request, IntByReference out) throws LastErrorException;

        int fstat(int fd, Memory stat) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static volatile LibC libc;

    private static LibC libc() {
        LibC l = libc;
        if (l == null) {
            l = Native.load("c", LibC.class);
            libc = l;
        }
        return l;
    }

    @Override
    public void describe(Path nsFile, Map<NamespaceId, NsRelations> known) throws IOException {
        int fd;
        try {
            fd = libc().open(nsFile.toString(), O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("open " + nsFile + ": " + errnoName(e.getErrorCode()), e);
        }
        try {
            walk(fd, known);
        } finally {
            closeQuietly(fd);
        }
    }

    /** Describes the namespace of {@code fd} and, recursively, its owner and parent. */
    private NamespaceId walk(int fd, Map<NamespaceId, NsRelations> known) throws IOException {
        NamespaceId id = idOf(fd);
        if (known.containsKey(id)) {
            return id;
        }
        Optional<NamespaceId> owner = related(fd, NS_GET_USERNS, known);
        Optional<NamespaceId> parent = id.type().isHierarchical() ? related(fd, NS_GET_PARENT, known) : Optional.empty();
        OptionalLong ownerUid = OptionalLong.empty();
        if (id.type() == NamespaceType.USER) {
            IntByReference uid = new IntByReference();
            try {
                libc().ioctl(fd, new NativeLong(NS_GET_OWNER_UID), uid);
                ownerUid = OptionalLong.of(Integer.toUnsignedLong(uid.getValue()));
            } catch (LastErrorException e) {
                // left absent: not answered on this kernel
            }
        }
        known.put(id, new NsRelations(id, parent, owner, ownerUid));
        return id;
    }

    private Optional<NamespaceId> related(int fd, long request, Map<NamespaceId, NsRelations> known)
            throws IOException {
        int other;
        try {
            other = libc().ioctl(fd, new NativeLong(request));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == 1 /* EPERM: outside our view */ || e.getErrorCode() == 22 /* EINVAL */) {
                return Optional.empty();
            }
            throw new IOException("ioctl " + Long.toHexString(request) + ": " + errnoName(e.getErrorCode()), e);
        }
        try {
            return Optional.of(walk(other, known));
        } finally {
            closeQuietly(other);
        }
    }

    /** Type (NS_GET_NSTYPE) and inode (fstat) of an open namespace file. */
    private static NamespaceId idOf(int fd) throws IOException {
        int flag;
        try {
            flag = libc().ioctl(fd, new NativeLong(NS_GET_NSTYPE));
        } catch (LastErrorException e) {
            throw new IOException("NS_GET_NSTYPE: " + errnoName(e.getErrorCode()), e);
        }
        NamespaceType type = NamespaceType.ofCloneFlag(flag)
                .orElseThrow(() -> new IOException("unknown namespace type flag 0x" + Integer.toHexString(flag)));
        try (Memory stat = new Memory(STAT_SIZE)) {
            libc().fstat(fd, stat);
            return new NamespaceId(type, stat.getLong(ST_INO_OFFSET));
        } catch (LastErrorException e) {
            throw new IOException("fstat: " + errnoName(e.getErrorCode()), e);
        }
    }

    private static void closeQuietly(int fd) {
        try {
            libc().close(fd);
        } catch (LastErrorException ignored) {
            // nothing to do: the fd is gone either way
        }
    }

    private static String errnoName(int code) {
        return switch (code) {
            case 1 -> Errno.EPERM.name();
            case 2 -> Errno.ENOENT.name();
            case 3 -> Errno.ESRCH.name();
            case 13 -> Errno.EACCES.name();
            case 22 -> Errno.EINVAL.name();
            case 25 -> "ENOTTY";
            default -> "errno " + code;
        };
    }
}
