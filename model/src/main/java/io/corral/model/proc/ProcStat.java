package io.corral.model.proc;

import io.corral.model.kernel.MalformedFileException;

import java.util.OptionalLong;

/**
 * The fields of {@code /proc/<pid>/stat} the model uses. The command name is in
 * parentheses and may itself contain spaces and parentheses, so the fields are counted
 * from the <em>last</em> {@code ')'}.
 *
 * @param utimeTicks   user CPU time in clock ticks (USER_HZ)
 * @param stimeTicks   system CPU time in clock ticks
 * @param startTicks   start time after boot in clock ticks (with the pid, names one process incarnation)
 * @param rssPages     resident set size in pages (field 24 {@code rss})
 * @param pgrp         the process group (field 5)
 * @param session      the session, i.e. the pid of its leader (field 6)
 */
public record ProcStat(int pid, String comm, ProcessState state, int ppid, long flags, long utimeTicks,
                       long stimeTicks, int threads, long startTicks, long rssPages, int pgrp, int session) {

    /** include/linux/sched.h: "I am a kernel thread". */
    public static final long PF_KTHREAD = 0x00200000L;

    /** The page size Linux uses on x86-64 and arm64 (4 KiB base pages); stat counts rss in these. */
    public static final long PAGE_SIZE = 4096;

    public boolean kernelThread() {
        return (flags & PF_KTHREAD) != 0;
    }

    /**
     * The resident set size in bytes; absent for kernel threads and zombies: they have no
     * address space, and the kernel prints 0 for them, which is not a size.
     */
    public OptionalLong rssBytes() {
        if (kernelThread() || state == ProcessState.ZOMBIE || state == ProcessState.DEAD) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(rssPages * PAGE_SIZE);
    }

    public static ProcStat parse(String text) throws MalformedFileException {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open <= 0 || close < open || close + 2 > text.length()) {
            throw new MalformedFileException("stat", text, "no \"pid (comm)\" prefix");
        }
        String[] f = text.substring(close + 2).strip().split(" ");
        // f[0] is field 3 (state); field n is f[n - 3].
        if (f.length < 22 || f[0].length() != 1) {
            throw new MalformedFileException("stat", text, "too few fields after the command name");
        }
        try {
            int pid = Integer.parseInt(text.substring(0, open).strip());
            return new ProcStat(pid, text.substring(open + 1, close), ProcessState.of(f[0].charAt(0)),
                    Integer.parseInt(f[1]), Long.parseUnsignedLong(f[6]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Integer.parseInt(f[17]), Long.parseLong(f[19]), Long.parseLong(f[21]),
                    Integer.parseInt(f[2]), Integer.parseInt(f[3]));
        } catch (NumberFormatException e) {
            throw new MalformedFileException("stat", text, "non-numeric field: " + e.getMessage());
        }
    }
}
