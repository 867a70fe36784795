package io.corral.model.namespace;

import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The procfs files namespaces need, under an injected host root (the real {@code /} or a
 * fixture tree): the process list, {@code /proc/<pid>/ns/*} links, {@code status},
 * {@code cgroup}, and the user-namespace files {@code uid_map}, {@code gid_map},
 * {@code setgroups}, the only ones it writes. To be folded into {@code proc.ProcFs} when
 * that lands.
 *
 * <p>A process can exit between listing and reading: reads of a vanished process are
 * {@link Optional#empty()} (ENOENT, or ESRCH from some task files), never an error.
 */
public final class ProcFiles {
    private final Path proc;

    public ProcFiles(Path hostRoot) {
        this.proc = hostRoot.toAbsolutePath().normalize().resolve("proc");
    }

    public static ProcFiles live() {
        return new ProcFiles(Path.of("/"));
    }

    public Path procDir(long pid) {
        return proc.resolve(Long.toString(pid));
    }

    /** Every process (thread-group leader) listed in /proc, ascending. */
    public List<Long> pids() throws KernelException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    pids.add(Long.parseLong(n));
                }
            }
        } catch (IOException e) {
            throw translate(KernelException.Op.LIST, proc, null, e);
        }
        pids.sort(null);
        return pids;
    }

    /**
     * The target of {@code /proc/<pid>/ns/<name>} ({@code name} is a type's proc name or
     * {@code pid_for_children}/{@code time_for_children}); empty if the process is gone,
     * the kernel lacks that type, or (for {@code *_for_children} of a zombie) has no answer.
     */
    public Optional<NamespaceId> namespaceLink(long pid, String name) {
        try {
            return Optional.of(NamespaceId.parseLink(Files.readSymbolicLink(procDir(pid).resolve("ns").resolve(name))
                    .toString()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The ns file to open for ioctls. */
    public Path namespaceFile(long pid, NamespaceType type) {
        return procDir(pid).resolve("ns").resolve(type.procName());
    }

    /** A file of the process, or empty if it (or the process) is gone. */
    public Optional<String> read(long pid, String file) throws KernelException {
        Path p = procDir(pid).resolve(file);
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            KernelException k = translate(KernelException.Op.READ, p, null, e);
            if (k.errno() == Errno.ESRCH || k.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw k;
        }
    }

    /**
     * One {@code write(2)} of the whole value to a user-namespace file of the process
     * ({@code uid_map}, {@code gid_map}, {@code setgroups}): the kernel takes a map only
     * in a single write at offset 0.
     */
    public void write(long pid, String file, String value) throws KernelException {
        Path p = procDir(pid).resolve(file);
        if (!file.equals("uid_map") && !file.equals("gid_map") && !file.equals("setgroups")) {
            throw new IllegalArgumentException("ProcFiles writes only uid_map, gid_map and setgroups, not " + file);
        }
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            int n = ch.write(ByteBuffer.wrap(bytes));
            if (n != bytes.length) {
                throw new KernelException(KernelException.Op.WRITE, p, Errno.EINVAL, value, null);
            }
        } catch (KernelException e) {
            throw e;
        } catch (IOException e) {
            throw translate(KernelException.Op.WRITE, p, value, e);
        }
    }

    static KernelException translate(KernelException.Op op, Path path, String value, IOException e) {
        return io.corral.model.kernel.CgroupFs.translate(op, path, value, e);
    }
}
