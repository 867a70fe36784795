package io.corral.model.proc;

import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.MalformedFileException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The only code that touches procfs, on an injected host root (the real {@code /} or a
 * fixture tree). A process that exits while being read is normal: it comes back as
 * absent (ENOENT when its directory is gone, ESRCH when the files are still open), never
 * as an error.
 */
public final class ProcFs {
    /** USER_HZ: the unit of the tick counts in stat; 100 on every architecture Linux exports to user space. */
    public static final int TICKS_PER_SECOND = 100;

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

    /** Every pid listed in /proc now, ascending. */
    public List<Integer> pids() throws KernelException {
        return numericEntries(proc);
    }

    /** The thread ids of a process ({@code /proc/<pid>/task}); empty if it is gone. */
    public List<Integer> threads(int pid) throws KernelException {
        try {
            return numericEntries(proc.resolve(Integer.toString(pid)).resolve("task"));
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
    public List<ThreadInfo> threadInfos(int pid) throws KernelException, MalformedFileException {
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

    /** {@code /proc/<pid>/<name>}, for readers that keep the file open. */
    public Path processFile(int pid, String name) {
        return proc.resolve(Integer.toString(pid)).resolve(name);
    }

    /** {@code /proc/<pid>/task/<tid>/<name>}, for readers that keep the file open. */
    public Path taskFile(int pid, int tid, String name) {
        return proc.resolve(Integer.toString(pid)).resolve("task").resolve(Integer.toString(tid)).resolve(name);
    }

    /** {@code /proc/<pid>/stat} alone (the sampler's cheap path for CPU time). */
    public Optional<ProcStat> stat(long pid) throws KernelException, MalformedFileException {
        Optional<String> t = read(proc.resolve(Long.toString(pid)).resolve("stat"));
        return t.isEmpty() ? Optional.empty() : Optional.of(ProcStat.parse(t.get()));
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
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).strip().split("\\s+");
                if (f[0].matches("[0-9]{1,10}")) {
                    return Integer.parseUnsignedInt(f[0]);
                }
            }
        }
        throw new MalformedFileException("status", status, "no numeric Uid: line");
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
