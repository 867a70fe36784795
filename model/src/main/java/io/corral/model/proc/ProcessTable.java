package io.corral.model.proc;

import io.corral.model.kernel.KeptFiles;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.kernel.Syscalls;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every process of {@code /proc}, read again on every tick as {@link ProcFs#process} reads
 * one ({@code stat}, {@code status}, {@code cgroup}, {@code cmdline}), but through libc into
 * one reused buffer, and parsing only the files whose bytes changed since the last tick
 * (a 64-bit fingerprint per file, {@link KeptFiles#print}): most processes of a host sleep
 * through a tick, and each would otherwise cost four files' worth of strings, a parsed
 * cgroup map and a new {@link ProcessInfo} per second. A process whose files did not change
 * is handed over as the same {@link ProcessInfo} object. Only the uid is taken from
 * {@code status} (it changes with every context switch), straight from the bytes.
 *
 * <p>No fd is kept: a host has thousands of processes and the fds are the groups' (see
 * {@code TrackedTrees.Options}). One sampler thread owns it.
 */
public final class ProcessTable {
    /** The files parsed when their bytes changed: stat, cgroup, cmdline. */
    private static final byte[][] PARSED = {bytes("/stat"), bytes("/cgroup"), bytes("/cmdline")};
    private static final byte[] STATUS = bytes("/status");
    private static final byte[] UID = bytes("\nUid:");

    /** What one process's files held at the last tick, parsed. */
    private static final class Entry {
        final byte[] dir;
        /** Fingerprints of the {@link #PARSED} files at the last tick. */
        final long[] prints = new long[PARSED.length];
        ProcStat stat;
        Map<String, String> cgroups;
        List<String> cmdline;
        ProcessInfo info;
        long seen;

        Entry(byte[] dir) {
            this.dir = dir;
        }
    }

    private final ProcFs procfs;
    private final Syscalls sys = new Syscalls();
    private final ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
    private final PidList listing;
    private final PidTable<Entry> entries = new PidTable<>();
    private long scan;
    /** The whole text of the last file read, when it did not fit the buffer (else null). */
    private String longText;
    private long longPrints;
    /** The length of the file {@link #reread} read last. */
    private int length;

    public ProcessTable(ProcFs procfs) {
        this.procfs = procfs;
        this.listing = new PidList(procfs.hostRoot().resolve("proc"));
    }

    /** Puts every process there is now into {@code into}, by pid; what could not be read goes to {@code problems}. */
    public void read(Map<Integer, ProcessInfo> into, List<ReadProblem> problems) {
        scan++;
        int count;
        try {
            count = listing.listProcesses();
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return;
        }
        for (int k = 0; k < count; k++) {
            int pid = listing.pid(k);
            Entry e = entries.get(pid);
            if (e == null) {
                e = new Entry(bytes(procfs.processDir(pid).toString()));
                entries.put(pid, e);
            }
            e.seen = scan;
            try {
                ProcessInfo p = read(pid, e);
                if (p != null) {
                    into.put(pid, p);
                }
            } catch (KernelException x) {
                problems.add(ReadProblem.of(x));
            } catch (MalformedFileException x) {
                problems.add(new ReadProblem("/proc/" + pid + "/" + x.file(), x.getMessage()));
            }
        }
        long now = scan;
        entries.removeIf(e -> e.seen != now);
    }

    /** Processes remembered now (for tests). */
    int size() {
        return entries.size();
    }

    /** The process, or null if it is gone; {@code e} keeps what was parsed. */
    private ProcessInfo read(int pid, Entry e) throws KernelException, MalformedFileException {
        boolean fresh = e.info == null;
        int stat = reread(pid, e, 0);
        if (stat < 0) {
            return gone(e);
        }
        if (stat > 0 || fresh) {
            e.stat = ProcStat.parse(text(length));
        }
        int n = file(pid, e, STATUS);
        if (n < 0) {
            return gone(e);
        }
        int uid = uid(n);
        int cgroup = reread(pid, e, 1);
        if (cgroup < 0) {
            return gone(e);
        }
        if (cgroup > 0 || fresh) {
            e.cgroups = Map.copyOf(ProcCgroups.parse(text(length)));
        }
        int cmdline = reread(pid, e, 2);
        if (cmdline < 0) {
            return gone(e);
        }
        if (cmdline > 0 || fresh) {
            e.cmdline = List.copyOf(ProcFs.splitCmdline(text(length)));
        }
        if (fresh || stat > 0 || cgroup > 0 || cmdline > 0 || e.info.uid() != uid) {
            ProcStat s = e.stat;
            // kthreadd is pid 2 and parents every kernel thread; PF_KTHREAD says it directly.
            boolean kthread = s.kernelThread() || pid == 2 || s.ppid() == 2;
            e.info = new ProcessInfo(pid, s.ppid(), s.comm(), e.cmdline, uid, procfs.userName(uid), s.state(),
                    s.threads(), kthread, e.cgroups, s.utimeTicks() + s.stimeTicks(), s.startTicks(),
                    kthread ? OptionalLong.empty() : s.rssBytes());
        }
        return e.info;
    }

    /**
     * Reads file {@code i} of {@link #PARSED} into the buffer ({@link #length} bytes): -1 if
     * the process is gone, 1 if its bytes differ from the last tick's, else 0.
     */
    private int reread(int pid, Entry e, int i) throws KernelException {
        int n = file(pid, e, PARSED[i]);
        if (n < 0) {
            return -1;
        }
        length = n;
        long print = print(n);
        if (print == e.prints[i]) {
            return 0;
        }
        e.prints[i] = print;
        return 1;
    }

    /**
     * Reads {@code /proc/PID/name} into the buffer: its length, or -1 if the process is gone.
     * A file that fills the buffer (a command line over 64 KiB) may be longer: it is read
     * whole into {@link #longText}, and counts as changed on every tick.
     */
    private int file(int pid, Entry e, byte[] name) throws KernelException {
        longText = null;
        int n = sys.readFile(e.dir, name, buf);
        if (n < 0) {
            if (Syscalls.gone(-n)) {
                return -1;
            }
            throw new KernelException(KernelException.Op.READ, procfs.processFile(pid, fileName(name)),
                    Syscalls.errno(-n), null, null);
        }
        if (n == buf.capacity()) {
            Optional<String> whole = procfs.read(pid, fileName(name));
            if (whole.isEmpty()) {
                return -1;
            }
            longText = whole.get();
        }
        return n;
    }

    /** The print of the file in the buffer; a new one each time for a file too long for it. */
    private long print(int n) {
        return longText != null ? ++longPrints : KeptFiles.print(KeptFiles.PRINT_SEED, buf, n);
    }

    private static String fileName(byte[] suffix) {
        return new String(suffix, 1, suffix.length - 1, StandardCharsets.UTF_8);
    }

    private static ProcessInfo gone(Entry e) {
        e.info = null;
        e.stat = null;
        e.cgroups = null;
        e.cmdline = null;
        return null;
    }

    /** The first number of the {@code Uid:} line of the status in the buffer. */
    private int uid(int n) throws MalformedFileException {
        for (int i = 0; i + UID.length <= n; i++) {
            int j = 0;
            while (j < UID.length && buf.get(i + j) == UID[j]) {
                j++;
            }
            if (j == UID.length) {
                int at = i + j;
                while (at < n && (buf.get(at) == '\t' || buf.get(at) == ' ')) {
                    at++;
                }
                long v = 0;
                int digits = 0;
                for (; at < n && buf.get(at) >= '0' && buf.get(at) <= '9' && digits < 10; at++, digits++) {
                    v = v * 10 + (buf.get(at) - '0');
                }
                if (digits > 0 && v <= Integer.MAX_VALUE) {
                    return (int) v;
                }
                break;
            }
        }
        return ProcFs.uid(text(n)); // no usable Uid: line: the parser says why
    }

    private String text(int n) {
        if (longText != null) {
            return longText;
        }
        byte[] b = new byte[n];
        buf.get(0, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
