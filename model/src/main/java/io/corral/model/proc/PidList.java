package io.corral.model.proc;

import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.Syscalls;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The decimal entries of {@code /proc} (processes) and {@code /proc/PID/task} (threads),
 * listed with {@code getdents64} into a reused buffer and parsed into reused int arrays:
 * the membership scan lists {@code /proc} on every tick, and a {@code DirectoryStream}
 * allocates a path and a string per entry. Entries that are not all digits (self, sys,
 * ...) are skipped. Not thread-safe: one sampler thread owns it.
 */
public final class PidList {
    /** struct linux_dirent64: d_ino u64, d_off s64, d_reclen u16, d_type u8, d_name. */
    private static final int RECLEN = 16;
    private static final int NAME = 19;
    private static final byte[] TASK = "/task".getBytes(StandardCharsets.US_ASCII);

    private final Path proc;
    private final byte[] procBytes;
    private final Syscalls sys = new Syscalls();
    private final ByteBuffer buf = ByteBuffer.allocateDirect(32_768).order(ByteOrder.nativeOrder());
    private final byte[] taskSuffix = new byte[32];
    private int[] pids = new int[1024];
    private int[] tids = new int[256];
    private int pidCount;
    private int tidCount;

    /** @param proc the procfs mount ({@code /proc} under the host root) */
    public PidList(Path proc) {
        this.proc = proc.toAbsolutePath().normalize();
        this.procBytes = this.proc.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Lists the processes now; {@link #pid(int)} gives them, in directory order.
     *
     * @return how many
     */
    public int listProcesses() throws KernelException {
        int n = list(procBytes, null, 0, true);
        if (n < 0) {
            throw new KernelException(KernelException.Op.LIST, proc, Syscalls.errno(-n), null, null);
        }
        pidCount = n;
        return n;
    }

    public int pid(int i) {
        if (i >= pidCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return pids[i];
    }

    /**
     * Lists the threads of {@code pid} now; {@link #tid(int)} gives them.
     *
     * @return how many; -1 if the process is gone
     */
    public int listThreads(int pid) throws KernelException {
        int len = 0;
        taskSuffix[len++] = '/';
        len = digits(pid, len);
        System.arraycopy(TASK, 0, taskSuffix, len, TASK.length);
        len += TASK.length;
        int n = list(procBytes, taskSuffix, len, false);
        if (n < 0) {
            if (Syscalls.gone(-n)) {
                tidCount = 0;
                return -1;
            }
            throw new KernelException(KernelException.Op.LIST, proc.resolve(pid + "/task"), Syscalls.errno(-n), null, null);
        }
        tidCount = n;
        return n;
    }

    public int tid(int i) {
        if (i >= tidCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return tids[i];
    }

    private int digits(int v, int at) {
        int start = at;
        do {
            taskSuffix[at++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = at - 1; i < j; i++, j--) {
            byte t = taskSuffix[i];
            taskSuffix[i] = taskSuffix[j];
            taskSuffix[j] = t;
        }
        return at;
    }

    /** @return entries found, or -errno */
    private int list(byte[] dir, byte[] suffix, int suffixLength, boolean processes) {
        int fd = sys.openRead(dir, suffix, suffixLength);
        if (fd < 0) {
            return fd;
        }
        int count = 0;
        try {
            while (true) {
                int n = sys.directoryEntries(fd, buf);
                if (n <= 0) {
                    return n < 0 ? n : count;
                }
                for (int at = 0; at < n; at += buf.getShort(at + RECLEN) & 0xffff) {
                    int id = decimalName(at + NAME);
                    if (id > 0) {
                        count = add(processes, count, id);
                    }
                }
            }
        } finally {
            sys.closeFd(fd);
        }
    }

    private int add(boolean processes, int count, int id) {
        int[] a = processes ? pids : tids;
        if (count == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
            if (processes) {
                pids = a;
            } else {
                tids = a;
            }
        }
        a[count] = id;
        return count + 1;
    }

    /** The NUL-terminated name at {@code at} as a positive int; 0 if not all digits (or too long). */
    private int decimalName(int at) {
        int v = 0;
        int i = at;
        for (byte b = buf.get(i); b != 0; b = buf.get(++i)) {
            if (b < '0' || b > '9' || i - at >= 9) {
                return 0;
            }
            v = v * 10 + (b - '0');
        }
        return i == at ? 0 : v;
    }
}
