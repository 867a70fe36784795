package io.corral.model.checkpoint;

import io.corral.model.kernel.ExternalProgram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What checkpointing needs to know about processes, read from procfs under a root (the
 * real {@code /proc} or a fixture). A process can exit between two reads: every reader
 * returns empty then.
 */
public final class Tasks {
    /** Fields of {@code /proc/PID/stat} that matter here. */
    public record Stat(long pid, String comm, char state, long ppid, long pgid, long sid) {
        /** Stopped by a signal or by a tracer ('T', 't'). */
        public boolean stopped() {
            return state == 'T' || state == 't';
        }
    }

    private final Path proc;

    public Tasks(Path proc) {
        this.proc = proc;
    }

    /** True when this reads the kernel's own {@code /proc} (not a fixture). */
    public boolean isLive() {
        return proc.equals(Path.of("/proc"));
    }

    public static Tasks live() {
        return new Tasks(Path.of("/proc"));
    }

    public Optional<String> read(long pid, String file) {
        try {
            return Optional.of(Files.readString(proc.resolve(Long.toString(pid)).resolve(file), StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    public Optional<Stat> stat(long pid) {
        return read(pid, "stat").flatMap(Tasks::parseStat);
    }

    /** Parses a stat line; comm may hold spaces and parentheses, so fields start after the last ')'. */
    static Optional<Stat> parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= line.length()) {
            return Optional.empty();
        }
        String[] f = line.substring(close + 2).trim().split(" ");
        if (f.length < 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stat(Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close),
                    f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Optional<String> comm(long pid) {
        return read(pid, "comm").map(String::strip);
    }

    /** The PID in each pid namespace, outermost first ({@code NSpid:} of status). */
    public List<Long> nsPids(long pid) {
        return statusField(pid, "NSpid").map(v -> {
            List<Long> l = new ArrayList<>();
            for (String s : v.trim().split("\\s+")) {
                l.add(Long.parseLong(s));
            }
            return l;
        }).orElse(List.of());
    }

    /** Resident set size in bytes ({@code VmRSS:}; absent for kernel threads and zombies). */
    public OptionalLong rssBytes(long pid) {
        Optional<String> v = statusField(pid, "VmRSS");
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        String kb = v.get().trim().split("\\s+")[0];
        return OptionalLong.of(Long.parseLong(kb) * 1024);
    }

    private Optional<String> statusField(long pid, String name) {
        return read(pid, "status").flatMap(s -> s.lines().filter(l -> l.startsWith(name + ":"))
                .map(l -> l.substring(name.length() + 1)).findFirst());
    }

    /** Targets of the open file descriptors ({@code socket:[123]}, {@code anon_inode:[io_uring]}, paths). */
    public List<String> fdTargets(long pid) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : ds) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /**
     * {@code /proc/PID/cgroup} as hierarchy key to path: the v1 controller list
     * ("cpu,cpuacct", "name=systemd") or "" for cgroup2.
     */
    public Map<String, String> cgroups(long pid) {
        Map<String, String> m = new LinkedHashMap<>();
        read(pid, "cgroup").ifPresent(text -> text.lines().forEach(l -> {
            int a = l.indexOf(':');
            int b = l.indexOf(':', a + 1);
            if (a > 0 && b > a) {
                m.put(l.substring(a + 1, b), l.substring(b + 1));
            }
        }));
        return m;
    }

    /** Direct children ({@code task/PID/children} of every thread would be exact; the main thread's suffices here). */
    public List<Long> children(long pid) {
        List<Long> out = new ArrayList<>();
        read(pid, "task/" + pid + "/children").ifPresent(s -> {
            for (String c : s.trim().split("\\s+")) {
                if (!c.isEmpty()) {
                    out.add(Long.parseLong(c));
                }
            }
        });
        return out;
    }

    /** The process and all its descendants, parents before children. */
    public List<Long> subtree(long root) {
        List<Long> out = new ArrayList<>();
        List<Long> queue = new ArrayList<>(List.of(root));
        while (!queue.isEmpty()) {
            long p = queue.remove(0);
            if (stat(p).isPresent()) {
                out.add(p);
                queue.addAll(children(p));
            }
        }
        return out;
    }

    public boolean alive(long pid) {
        return stat(pid).map(s -> s.state() != 'Z' && s.state() != 'X').orElse(false);
    }

    /**
     * Sends SIGCONT to processes a killed CRIU may have left stopped. Java cannot send
     * SIGCONT itself, so this runs {@code kill -CONT}.
     */
    public static void resume(List<Long> pids) throws InterruptedException {
        if (pids.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("kill", "-CONT", "--"));
        pids.forEach(p -> cmd.add(Long.toString(p)));
        try {
            Path log = Files.createTempFile("corral-kill", ".log");
            ExternalProgram.run(cmd, Map.of(), Duration.ofSeconds(5), log);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // nothing more we can do; the caller re-reads the state
        }
    }
}
