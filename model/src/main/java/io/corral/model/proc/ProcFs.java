package io.corral.model.proc;

import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.MalformedFileException;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The only code that touches procfs, on an injected host root (the real {@code /} or a
 * fixture tree): the sampler, the engine, namespaces and checkpointing all read through
 * it. A process that exits while being read is normal: it comes back as absent (ENOENT
 * when its directory is gone, ESRCH when the files are still open), never as an error;
 * a denied read is a {@link KernelException}, not an absence.
 */
public final class ProcFs {
    /** USER_HZ: the unit of the tick counts in stat; 100 on every architecture Linux exports to user space. */
    public static final int TICKS_PER_SECOND = 100;

    private static final List<String> USER_NAMESPACE_FILES = List.of("uid_map", "gid_map", "setgroups");

    private final Path hostRoot;
    private final Path proc;
    private final UserNames users;

    public ProcFs(Path hostRoot) {
        this.hostRoot = hostRoot.toAbsolutePath().normalize();
        this.proc = this.hostRoot.resolve("proc");
        this.users = new UserNames(this.hostRoot.resolve("etc/passwd"));
    }

    public static ProcFs live() {
        return new ProcFs(Path.of("/"));
    }

    public Path hostRoot() {
        return hostRoot;
    }

    /** True when this reads the kernel's own {@code /proc} (not a fixture). */
    public boolean isLive() {
        return hostRoot.equals(Path.of("/"));
    }

    /** Every pid listed in /proc now, ascending. */
    public List<Integer> pids() throws KernelException {
        return numericEntries(proc);
    }

    /** The thread ids of a process ({@code /proc/<pid>/task}); empty if it is gone. */
    public List<Integer> threads(long pid) throws KernelException {
        try {
            return numericEntries(processFile(pid, "task"));
        } catch (KernelException e) {
            if (gone(e)) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * The threads of a process with their names and states, in tid order; empty if the
     * process is gone. A thread that exits between the listing and the read is left out.
     *
     * @throws MalformedFileException a thread's stat did not have the documented shape
     */
    public List<ThreadInfo> threadInfos(long pid) throws KernelException, MalformedFileException {
        List<ThreadInfo> out = new ArrayList<>();
        for (int tid : threads(pid)) {
            Optional<String> stat = read(taskFile(pid, tid, "stat"));
            if (stat.isEmpty()) {
                continue;
            }
            ProcStat s = ProcStat.parse(stat.get());
            // comm ends with a newline; stat's copy of the name is the same string in parentheses.
            String name = read(taskFile(pid, tid, "comm")).map(String::strip).orElse(s.comm());
            out.add(new ThreadInfo(tid, name, s.state()));
        }
        return out;
    }

    /**
     * One process, or empty if it no longer exists.
     *
     * @throws KernelException         a file was denied
     * @throws MalformedFileException stat or cgroup did not have the documented shape
     */
    public Optional<ProcessInfo> process(int pid) throws KernelException, MalformedFileException {
        Path dir = proc.resolve(Integer.toString(pid));
        Optional<String> statText = read(dir.resolve("stat"));
        if (statText.isEmpty()) {
            return Optional.empty();
        }
        ProcStat stat = ProcStat.parse(statText.get());
        Optional<String> status = read(dir.resolve("status"));
        Optional<String> cgroup = read(dir.resolve("cgroup"));
        Optional<String> cmdline = read(dir.resolve("cmdline"));
        if (status.isEmpty() || cgroup.isEmpty() || cmdline.isEmpty()) {
            return Optional.empty();
        }
        int uid = uid(status.get());
        Map<String, String> groups = ProcCgroups.parse(cgroup.get());
        // kthreadd is pid 2 and parents every kernel thread; PF_KTHREAD says it directly.
        boolean kthread = stat.kernelThread() || pid == 2 || stat.ppid() == 2;
        return Optional.of(new ProcessInfo(pid, stat.ppid(), stat.comm(), splitCmdline(cmdline.get()), uid,
                users.name(uid), stat.state(), stat.threads(), kthread, groups,
                stat.utimeTicks() + stat.stimeTicks(), stat.startTicks(),
                kthread ? OptionalLong.empty() : stat.rssBytes()));
    }

    /** The name of a user in the host's {@code /etc/passwd}, if listed there. */
    Optional<String> userName(int uid) {
        return users.name(uid);
    }

    /** {@code /proc/<pid>}. */
    public Path processDir(long pid) {
        return proc.resolve(Long.toString(pid));
    }

    /** {@code /proc/<pid>/<name>}, for readers that keep the file open. */
    public Path processFile(long pid, String name) {
        return processDir(pid).resolve(name);
    }

    /** {@code /proc/<pid>/task/<tid>/<name>}, for readers that keep the file open. */
    public Path taskFile(long pid, long tid, String name) {
        return processDir(pid).resolve("task").resolve(Long.toString(tid)).resolve(name);
    }

    /** A file of a process ({@code status}, {@code net/tcp}, {@code uid_map}...); empty if it or the process is gone. */
    public Optional<String> read(long pid, String file) throws KernelException {
        return read(processFile(pid, file));
    }

    /** {@code /proc/<pid>/stat} alone (the sampler's cheap path for CPU time). */
    public Optional<ProcStat> stat(long pid) throws KernelException, MalformedFileException {
        Optional<String> t = read(processFile(pid, "stat"));
        return t.isEmpty() ? Optional.empty() : Optional.of(ProcStat.parse(t.get()));
    }

    /** {@code /proc/<pid>/status}; empty if the process is gone. */
    public Optional<ProcStatus> status(long pid) throws KernelException {
        return read(processFile(pid, "status")).map(ProcStatus::parse);
    }

    /** The command name ({@code comm}, at most 15 bytes); empty if the process is gone. */
    public Optional<String> comm(long pid) throws KernelException {
        return read(processFile(pid, "comm")).map(String::strip);
    }

    /**
     * {@code /proc/<pid>/cgroup}: the group per hierarchy id ({@code unified}, {@code cpu,cpuacct},
     * {@code name=systemd}, see {@link ProcCgroups}); empty if the process is gone.
     */
    public Map<String, String> cgroups(long pid) throws KernelException, MalformedFileException {
        Optional<String> text = read(processFile(pid, "cgroup"));
        return text.isEmpty() ? Map.of() : ProcCgroups.parse(text.get());
    }

    /**
     * True while the process exists and has not exited (a zombie has). A stat that exists but
     * cannot be read or parsed counts as alive: the process is there.
     */
    public boolean alive(long pid) {
        try {
            return stat(pid).map(s -> !s.state().exited()).orElse(false);
        } catch (KernelException | MalformedFileException e) {
            return true;
        }
    }

    /**
     * The direct children, from {@code /proc/<pid>/task/<pid>/children} (children of the main
     * thread; a child forked by another thread is listed under that thread); empty if gone.
     */
    public List<Long> children(long pid) throws KernelException {
        List<Long> out = new ArrayList<>();
        for (String c : read(taskFile(pid, pid, "children")).orElse("").strip().split("\\s+")) {
            if (!c.isEmpty()) {
                out.add(Long.parseLong(c));
            }
        }
        return out;
    }

    /** The process and all its descendants that still exist, parents before children. */
    public List<Long> subtree(long root) throws KernelException {
        List<Long> out = new ArrayList<>();
        java.util.ArrayDeque<Long> queue = new java.util.ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            long p = queue.removeFirst();
            if (read(processFile(p, "stat")).isPresent()) {
                out.add(p);
                queue.addAll(children(p));
            }
        }
        return out;
    }

    /**
     * The targets of the open file descriptors ({@code socket:[123]}, {@code anon_inode:[io_uring]},
     * paths); empty if the process is gone, without those closed while listing.
     */
    public List<String> fdTargets(long pid) throws KernelException {
        Path dir = processFile(pid, "fd");
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path fd : ds) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            KernelException k = CgroupFs.translate(KernelException.Op.LIST, dir, null, e);
            if (gone(k)) {
                return List.of();
            }
            throw k;
        }
        return out;
    }

    /**
     * The target of {@code /proc/<pid>/ns/<name>} ({@code net:[4026531840]}); empty if the
     * process is gone, the kernel lacks that type, or (for {@code *_for_children} of a zombie)
     * has no answer.
     */
    public Optional<String> namespaceLink(long pid, String name) {
        try {
            return Optional.of(Files.readSymbolicLink(processDir(pid).resolve("ns").resolve(name)).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * One {@code write(2)} of the whole value to a user-namespace file of the process
     * ({@code uid_map}, {@code gid_map}, {@code setgroups}), the only procfs files Corral
     * writes: the kernel takes a map only in a single write at offset 0.
     */
    public void writeUserNamespaceFile(long pid, String file, String value) throws KernelException {
        if (!USER_NAMESPACE_FILES.contains(file)) {
            throw new IllegalArgumentException("procfs writes go only to " + USER_NAMESPACE_FILES + ", not " + file);
        }
        Path p = processFile(pid, file);
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            if (ch.write(ByteBuffer.wrap(bytes)) != bytes.length) {
                throw new KernelException(KernelException.Op.WRITE, p, Errno.EINVAL, value, null);
            }
        } catch (KernelException e) {
            throw e;
        } catch (IOException e) {
            throw CgroupFs.translate(KernelException.Op.WRITE, p, value, e);
        }
    }

    /** The host name ({@code /proc/sys/kernel/hostname}). */
    public String hostName() throws KernelException {
        return read(proc.resolve("sys/kernel/hostname")).orElse("").strip();
    }

    /** The kernel release ({@code /proc/sys/kernel/osrelease}), e.g. {@code 6.18.44}. */
    public String kernelRelease() throws KernelException {
        return read(proc.resolve("sys/kernel/osrelease")).orElse("").strip();
    }

    /** The number of CPUs the kernel accounts time for: the {@code cpuN} lines of {@code /proc/stat}. */
    public int cpuCount() throws KernelException {
        String text = read(proc.resolve("stat")).orElse("");
        int n = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    /** Reads a procfs file; empty if it (or its process) is gone. */
    Optional<String> read(Path file) throws KernelException {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            KernelException k = CgroupFs.translate(KernelException.Op.READ, file, null, e);
            if (gone(k)) {
                return Optional.empty();
            }
            throw k;
        }
    }

    private static boolean gone(KernelException e) {
        return e.errno() == Errno.ENOENT || e.errno() == Errno.ESRCH;
    }

    private static List<Integer> numericEntries(Path dir) throws KernelException {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.length() <= 9 && n.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    out.add(Integer.parseInt(n));
                }
            }
        } catch (NoSuchFileException e) {
            throw new KernelException(KernelException.Op.LIST, dir, Errno.ENOENT, null, e);
        } catch (IOException e) {
            throw CgroupFs.translate(KernelException.Op.LIST, dir, null, e);
        }
        out.sort(null);
        return out;
    }

    /** The real uid: first field of the {@code Uid:} line of status. */
    static int uid(String status) throws MalformedFileException {
        OptionalInt uid = ProcStatus.parse(status).uid();
        if (uid.isEmpty()) {
            throw new MalformedFileException("status", status, "no numeric Uid: line");
        }
        return uid.getAsInt();
    }

    /** cmdline is NUL-separated with a trailing NUL; empty for kernel threads and zombies. */
    static List<String> splitCmdline(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String t = text.endsWith("\0") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(t.split("\0", -1));
    }
}
