package io.corral.model.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The only code that touches cgroupfs. Every path it accepts must lie beneath the
 * injected host root (the real {@code /} or a fixture tree), and every failure becomes a
 * {@link KernelException} that carries the operation, path, errno and written value.
 */
public final class CgroupFs {

    /** Sees every write before it is made; tests use it to prove that nothing was written. */
    @FunctionalInterface
    public interface WriteObserver {
        void beforeWrite(Path file, String value);

        /** Sees every mkdir, rmdir and rename before it is made (the target, for a rename). */
        default void beforeDirectoryChange(KernelException.Op op, Path dir) {
        }
    }

    /**
     * Host paths nothing in Corral may ever change, whatever the caller asks: the group
     * the tools that run this machine live in. Compared by path components.
     */
    public static final List<String> PROTECTED = List.of("/sys/fs/cgroup/memory/process_api");

    private final Path hostRoot;
    private final List<Path> protectedPaths;
    private volatile WriteObserver observer = (f, v) -> { };
    private volatile java.util.function.Consumer<Path> mkdirObserver = d -> { };
    /** Change listeners by host root: every accessor on the same root reports to them. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, List<java.util.function.Consumer<Path>>> LISTENERS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<Path>> changeListeners;
    private volatile boolean verifyMountTypes;

    public CgroupFs(Path hostRoot) {
        this.hostRoot = hostRoot.toAbsolutePath().normalize();
        this.protectedPaths = PROTECTED.stream().map(this::onHost).toList();
        this.changeListeners = LISTENERS.computeIfAbsent(this.hostRoot, r -> new java.util.concurrent.CopyOnWriteArrayList<>());
        this.verifyMountTypes = isLiveHost();
    }

    public static CgroupFs live() {
        return new CgroupFs(Path.of("/"));
    }

    public Path hostRoot() {
        return hostRoot;
    }

    /** Maps a host-absolute path such as {@code /sys/fs/cgroup/cpu} into this root. */
    public Path onHost(String absolute) {
        String rel = absolute.startsWith("/") ? absolute.substring(1) : absolute;
        return hostRoot.resolve(rel).normalize();
    }

    public void setWriteObserver(WriteObserver observer) {
        this.observer = Objects.requireNonNull(observer);
    }

    /**
     * Sees every directory right after {@link #mkdir} made it. Fixture trees use it to
     * create the interface files the kernel would put into a new group.
     */
    public void setMkdirObserver(java.util.function.Consumer<Path> observer) {
        this.mkdirObserver = Objects.requireNonNull(observer);
    }

    /**
     * Sees every path changed through any accessor on this host root (a written file, a
     * made, removed or renamed directory), right after the change, on the writing thread. The tracking sampler uses
     * it to re-read limits after the console's own writes instead of on every tick.
     */
    public void addChangeListener(java.util.function.Consumer<Path> listener) {
        changeListeners.add(Objects.requireNonNull(listener));
    }

    public void removeChangeListener(java.util.function.Consumer<Path> listener) {
        changeListeners.remove(listener);
    }

    private void changed(Path p) {
        for (var l : changeListeners) {
            l.accept(p);
        }
    }

    /** Reads a whole interface file. */
    public String read(Path file) throws KernelException {
        checkInside(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            // Not Files.readString: kernfs reports every file as 4096 bytes long, so it
            // allocates and copies several buffers per read; one reused buffer is enough.
            ByteBuffer buf = READ_BUFFER.get();
            buf.clear();
            int n;
            while ((n = ch.read(buf)) > 0) {
                if (!buf.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocateDirect(buf.capacity() * 2);
                    buf.flip();
                    bigger.put(buf);
                    buf = bigger;
                    READ_BUFFER.set(buf);
                }
            }
            buf.flip();
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw translate(KernelException.Op.READ, file, null, e);
        }
    }

    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(16_384));

    /**
     * Reads an interface file that may legitimately be missing: the group was removed
     * between listing and reading (ENOENT, or ENODEV from kernfs for a dying group), or the
     * controller is not enabled here. Other failures (permission) still throw.
     */
    public Optional<String> readIfPresent(Path file) throws KernelException {
        try {
            return Optional.of(read(file));
        } catch (KernelException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Writes one value with exactly one {@code write(2)}. The file is opened with WRITE
     * only (no CREATE), so a missing interface file reports ENOENT instead of the
     * misleading EACCES that {@code Files.write} gives on cgroupfs.
     */
    public void write(Path file, String value) throws KernelException {
        checkInside(file);
        checkWritable(KernelException.Op.WRITE, file, value);
        if (value.isEmpty()) {
            // An empty write makes no syscall at all: the kernel would never see it.
            throw new KernelException(KernelException.Op.WRITE, file, Errno.EINVAL, value, null);
        }
        observer.beforeWrite(file, value);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            int n = ch.write(ByteBuffer.wrap(bytes));
            if (n != bytes.length) {
                throw new KernelException(KernelException.Op.WRITE, file, Errno.EINVAL, value, null);
            }
        } catch (KernelException e) {
            changed(file);
            throw e;
        } catch (IOException e) {
            changed(file); // a refused write can still have changed something (partial effects)
            KernelException k = translate(KernelException.Op.WRITE, file, value, e);
            if (k.errno() == Errno.ENOENT && !Files.isDirectory(file.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                // The group itself is gone (removed by someone else since we looked), not one of
                // its interface files: the explanation must say so.
                GroupMissingException missing = new GroupMissingException(file.getParent().toString());
                missing.initCause(e);
                throw new KernelException(KernelException.Op.WRITE, file, Errno.ENOENT, value, missing);
            }
            throw k;
        }
        changed(file);
    }

    public void mkdir(Path dir) throws KernelException {
        checkInside(dir);
        checkWritable(KernelException.Op.MKDIR, dir, null);
        observer.beforeDirectoryChange(KernelException.Op.MKDIR, dir);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw translate(KernelException.Op.MKDIR, dir, null, e);
        }
        mkdirObserver.accept(dir);
        changed(dir);
    }

    public void rmdir(Path dir) throws KernelException {
        checkInside(dir);
        checkWritable(KernelException.Op.RMDIR, dir, null);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new KernelException(KernelException.Op.RMDIR, dir, Errno.ENOENT, null, null);
        }
        observer.beforeDirectoryChange(KernelException.Op.RMDIR, dir);
        try {
            Files.delete(dir);
        } catch (IOException e) {
            throw translate(KernelException.Op.RMDIR, dir, null, e);
        }
        changed(dir);
    }

    /** Renames a group directory (cgroup v1 only; cgroup2 refuses). */
    public void rename(Path from, Path to) throws KernelException {
        checkInside(from);
        checkInside(to);
        checkWritable(KernelException.Op.RENAME, from, null);
        checkWritable(KernelException.Op.RENAME, to, null);
        observer.beforeDirectoryChange(KernelException.Op.RENAME, to);
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw translate(KernelException.Op.RENAME, from, to.getFileName().toString(), e);
        }
        changed(from);
        changed(to);
    }

    /** The names of the child groups (subdirectories) of a group directory, sorted. */
    public List<String> childGroups(Path dir) throws KernelException {
        checkInside(dir);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw translate(KernelException.Op.LIST, dir, null, e);
        }
        names.sort(null);
        return names;
    }

    /**
     * The inode and link count of a group directory, or empty if it is gone. The inode of a
     * cgroup2 directory is its cgroup id; kernfs counts a directory's links as 2 + its
     * subdirectories, so 2 means a leaf group (no need to list it).
     */
    public Optional<DirStat> stat(Path dir) throws KernelException {
        checkInside(dir);
        try {
            Map<String, Object> a = Files.readAttributes(dir, "unix:ino,nlink", LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new DirStat(((Number) a.get("ino")).longValue(), ((Number) a.get("nlink")).longValue()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            KernelException k = translate(KernelException.Op.READ, dir, null, e);
            if (k.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw k;
        }
    }

    /**
     * The first component of {@code p} (below the host root) that is a symbolic link, if
     * any. A cgroup mount reached through a symlink could be anything: it is refused.
     */
    public Optional<Path> symlinkOnTheWay(Path p) {
        Path n = p.toAbsolutePath().normalize();
        Path cur = hostRoot;
        for (Path part : hostRoot.relativize(n)) {
            cur = cur.resolve(part);
            if (Files.isSymbolicLink(cur)) {
                return Optional.of(cur);
            }
        }
        return Optional.empty();
    }

    /** The file system type of the file store holding {@code p} ("cgroup", "cgroup2", "tmpfs"...). */
    public Optional<String> fileSystemType(Path p) {
        try {
            return Optional.of(Files.getFileStore(p).type());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * True if writers must check that each hierarchy's mount is a cgroup/cgroup2 file
     * system before writing: always on the real host; fixture trees (which live on an
     * ordinary file system) turn it on to test the refusal.
     */
    public boolean verifiesMountTypes() {
        return verifyMountTypes;
    }

    public void setVerifyMountTypes(boolean verify) {
        this.verifyMountTypes = verify || isLiveHost();
    }

    /** True when this accessor works on the real host ({@code /}), not on a fixture tree. */
    public boolean isLiveHost() {
        return hostRoot.equals(Path.of("/"));
    }

    /** The owner uid of a file or group directory (not following links), or empty if it is gone. */
    public java.util.OptionalInt owner(Path p) {
        checkInsideUnchecked(p);
        try {
            return java.util.OptionalInt.of(((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue());
        } catch (IOException | UnsupportedOperationException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /** access(2) W_OK for this process: may it open the file (or create in the directory) for writing? */
    public boolean writableByThisProcess(Path p) {
        checkInsideUnchecked(p);
        return Files.isWritable(p);
    }

    private void checkInsideUnchecked(Path p) {
        Path n = p.toAbsolutePath().normalize();
        if (!n.startsWith(hostRoot) || !n.equals(p.toAbsolutePath())) {
            throw new IllegalArgumentException(p + " is not a normalized path beneath " + hostRoot);
        }
    }

    public boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** True if the path is one of {@link #PROTECTED} or beneath it. */
    public boolean isProtected(Path p) {
        Path n = p.toAbsolutePath().normalize();
        return protectedPaths.stream().anyMatch(n::startsWith);
    }

    private void checkWritable(KernelException.Op op, Path p, String value) throws KernelException {
        if (isProtected(p)) {
            throw new KernelException(op, p, Errno.EPERM, value,
                    new SecurityException("Corral never changes anything under " + PROTECTED));
        }
    }

    private void checkInside(Path p) throws KernelException {
        Path n = p.toAbsolutePath().normalize();
        if (!n.startsWith(hostRoot) || !n.equals(p.toAbsolutePath())) {
            throw new KernelException(KernelException.Op.OPEN, p, Errno.EPERM, null,
                    new IllegalArgumentException("path is not a normalized path beneath " + hostRoot));
        }
    }

    /** Turns Java's errno-less exceptions back into errno-carrying ones. */
    public static KernelException translate(KernelException.Op op, Path path, String value, IOException e) {
        Errno errno;
        if (e instanceof NoSuchFileException) {
            errno = Errno.ENOENT;
        } else if (e instanceof AccessDeniedException ade) {
            errno = Errno.fromMessage(ade.getReason()).orElse(Errno.EACCES);
        } else if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            errno = Errno.ENOTEMPTY;
        } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
            errno = Errno.EEXIST;
        } else if (e instanceof FileSystemException fse) {
            errno = Errno.fromMessage(fse.getReason()).orElseGet(
                    () -> Errno.fromMessage(fse.getMessage()).orElse(Errno.UNKNOWN));
        } else {
            errno = Errno.fromMessage(e.getMessage()).orElse(Errno.UNKNOWN);
        }
        return new KernelException(op, path, errno, value, e);
    }
}
