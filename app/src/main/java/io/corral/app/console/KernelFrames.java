package io.corral.app.console;

import io.corral.model.cgroup.CgroupLayout;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ProcStat;
import io.corral.model.proc.ProcessInfo;
import io.corral.views.state.ConsoleFrame;
import io.corral.views.state.FreezeState;
import io.corral.views.state.GroupKey;
import io.corral.views.state.GroupRow;
import io.corral.views.state.GroupType;
import io.corral.views.state.HierarchyFrame;
import io.corral.views.state.HostFacts;
import io.corral.views.state.Privileges;
import io.corral.views.state.TaskRow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * INTERIM: reads one console frame straight from cgroupfs and procfs through the model's
 * accessors ({@link CgroupFs}, {@link ProcFs}), until the model's {@code Sampler} /
 * {@code HostSnapshot} land; then this class becomes an adapter from a snapshot to a
 * {@link ConsoleFrame} and loses its reads. Runs on the sampler thread only (not thread-safe:
 * it keeps the previous tick's counters for rates).
 */
public final class KernelFrames {
    private static final long PAGE = 4096;
    private final CgroupFs fs;
    private final ProcFs proc;
    private final Duration interval;
    private final Privileges privileges;
    private final boolean systemdIsInit;
    private final String hostname;
    private final String kernel;
    private List<Hierarchy> hierarchies;
    /** Previous CPU counters: group (usec) and process (ticks, keyed with start time). */
    private Map<GroupKey, Long> lastGroupUsec = new HashMap<>();
    private Map<Long, long[]> lastProcTicks = new HashMap<>();
    private long lastNanos;

    public KernelFrames(CgroupFs fs, ProcFs proc, Duration interval) throws KernelException {
        this.fs = fs;
        this.proc = proc;
        this.interval = interval;
        this.hierarchies = new HierarchyDiscovery(fs).discover();
        this.hostname = proc.hostName();
        this.kernel = proc.kernelRelease();
        boolean root = "root".equals(System.getProperty("user.name"));
        this.privileges = root ? Privileges.asRoot()
                : Privileges.readOnly("not running as root (user " + System.getProperty("user.name") + ")");
        this.systemdIsInit = readComm(1).map(c -> c.equals("systemd")).orElse(false);
    }

    public List<Hierarchy> hierarchies() {
        return hierarchies;
    }

    public ConsoleFrame read() {
        long start = System.nanoTime();
        double seconds = lastNanos == 0 ? 0 : (start - lastNanos) / 1e9;
        Map<Long, TaskRow> tasks = new HashMap<>();
        Map<Long, long[]> procTicks = new HashMap<>();
        Map<GroupKey, Long> groupUsec = new HashMap<>();
        List<HierarchyFrame> frames = new ArrayList<>();
        for (Hierarchy h : hierarchies) {
            List<GroupRow> rows = new ArrayList<>();
            walk(h, GroupPath.ROOT, fs.onHost(h.mount()), rows, tasks, procTicks, groupUsec, seconds);
            frames.add(new HierarchyFrame(h, rows));
        }
        lastGroupUsec = groupUsec;
        lastProcTicks = procTicks;
        lastNanos = start;
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new ConsoleFrame(new HostFacts(hostname, kernel, CgroupLayout.of(hierarchies), interval, privileges,
                systemdIsInit), frames, Instant.now(), took);
    }

    private void walk(Hierarchy h, GroupPath path, Path dir, List<GroupRow> out, Map<Long, TaskRow> tasks,
                      Map<Long, long[]> procTicks, Map<GroupKey, Long> groupUsec, double seconds) {
        GroupKey key = new GroupKey(h.id(), path);
        List<TaskRow> members = new ArrayList<>();
        for (long pid : longs(read(dir.resolve("cgroup.procs")).orElse(""))) {
            TaskRow t = tasks.computeIfAbsent(pid, p -> task(p, procTicks, seconds));
            if (t != null) {
                members.add(t);
            }
        }
        members.removeIf(java.util.Objects::isNull);
        boolean v2 = h.isV2();
        OptionalLong usec = v2 ? statField(dir.resolve("cpu.stat"), "usage_usec")
                : h.has("cpuacct") ? number(dir.resolve("cpuacct.usage")).stream().map(ns -> ns / 1000).findFirst()
                : OptionalLong.empty();
        OptionalDouble cpu = OptionalDouble.empty();
        if (usec.isPresent()) {
            groupUsec.put(key, usec.getAsLong());
            Long before = lastGroupUsec.get(key);
            if (before != null && seconds > 0 && usec.getAsLong() >= before) {
                cpu = OptionalDouble.of((usec.getAsLong() - before) / 1e6 / seconds * 100);
            }
        }
        OptionalLong memCurrent = v2 ? number(dir.resolve("memory.current")) : number(dir.resolve("memory.usage_in_bytes"));
        OptionalLong memLimit = limit(v2 ? dir.resolve("memory.max") : dir.resolve("memory.limit_in_bytes"));
        FreezeState freeze = freeze(h, path, dir);
        GroupType type = v2 ? read(dir.resolve("cgroup.type")).map(GroupType::parse).orElse(GroupType.DOMAIN)
                : GroupType.DOMAIN;
        List<String> subtree = v2 ? words(read(dir.resolve("cgroup.subtree_control")).orElse("")) : List.of();
        List<String> available = v2 ? words(read(dir.resolve("cgroup.controllers")).orElse("")) : List.of();
        String name = path.name();
        boolean unit = name.endsWith(".slice") || name.endsWith(".scope") || name.endsWith(".service");
        out.add(new GroupRow(key, h.version(), members, cpu, memCurrent, memLimit, OptionalDouble.empty(),
                number(dir.resolve("pids.current")), limit(dir.resolve("pids.max")), freeze, type, subtree,
                available, unit, false));
        List<String> children;
        try {
            children = fs.childGroups(dir);
        } catch (KernelException e) {
            return;
        }
        for (String child : children) {
            walk(h, path.child(child), dir.resolve(child), out, tasks, procTicks, groupUsec, seconds);
        }
    }

    private TaskRow task(long pid, Map<Long, long[]> procTicks, double seconds) {
        try {
            Optional<ProcessInfo> info = proc.process((int) pid);
            if (info.isEmpty()) {
                return null;
            }
            ProcessInfo p = info.get();
            OptionalLong rss = proc.stat((int) pid).map(ProcStat::rssPages)
                    .map(pages -> OptionalLong.of(pages * PAGE)).orElse(OptionalLong.empty());
            long[] now = {p.startTicks(), p.cpuTicks()};
            procTicks.put(pid, now);
            long[] before = lastProcTicks.get(pid);
            OptionalDouble cpu = OptionalDouble.empty();
            if (before != null && before[0] == now[0] && seconds > 0) {
                cpu = OptionalDouble.of((now[1] - before[1]) / (double) ProcFs.TICKS_PER_SECOND / seconds * 100);
            }
            String command = p.cmdline().isEmpty() ? p.comm() : p.commandLine();
            if (command.length() > 120) {
                command = command.substring(0, 120) + "\u2026";
            }
            return new TaskRow(pid, command, p.user().orElse(Integer.toString(p.uid())),
                    String.valueOf(p.state().letter()), cpu, p.kernelThread() ? OptionalLong.empty() : rss,
                    p.threads(), p.kernelThread(), Optional.empty());
        } catch (KernelException | MalformedFileException e) {
            return null;
        }
    }

    private FreezeState freeze(Hierarchy h, GroupPath path, Path dir) {
        if (h.isV2()) {
            if (path.isRoot()) {
                return FreezeState.UNKNOWN;
            }
            Optional<String> events = read(dir.resolve("cgroup.events"));
            Optional<String> want = read(dir.resolve("cgroup.freeze"));
            boolean frozen = events.map(e -> e.contains("frozen 1")).orElse(false);
            boolean asked = want.map(w -> w.strip().equals("1")).orElse(false);
            return frozen ? FreezeState.FROZEN : asked ? FreezeState.FREEZING : FreezeState.THAWED;
        }
        if (!h.has("freezer") || path.isRoot()) {
            return FreezeState.UNKNOWN;
        }
        return read(dir.resolve("freezer.state")).map(s -> switch (s.strip()) {
            case "FROZEN" -> FreezeState.FROZEN;
            case "FREEZING" -> FreezeState.FREEZING;
            default -> FreezeState.THAWED;
        }).orElse(FreezeState.UNKNOWN);
    }

    private Optional<String> read(Path file) {
        try {
            return fs.readIfPresent(file);
        } catch (KernelException e) {
            return Optional.empty();
        }
    }

    private Optional<String> readComm(int pid) {
        try {
            return proc.stat(pid).map(ProcStat::comm);
        } catch (KernelException | MalformedFileException e) {
            return Optional.empty();
        }
    }

    private OptionalLong number(Path file) {
        return read(file).map(String::strip).filter(s -> s.matches("\\d+"))
                .map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
    }

    /** "max" and v1's huge "unlimited" values are absent (no limit), not a number. */
    private OptionalLong limit(Path file) {
        OptionalLong n = number(file);
        return n.isPresent() && n.getAsLong() >= (1L << 62) ? OptionalLong.empty() : n;
    }

    private OptionalLong statField(Path file, String field) {
        for (String line : read(file).orElse("").split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 2 && f[0].equals(field) && f[1].matches("\\d+")) {
                return OptionalLong.of(Long.parseLong(f[1]));
            }
        }
        return OptionalLong.empty();
    }

    private static List<Long> longs(String text) {
        List<Long> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                out.add(Long.parseLong(s));
            }
        }
        return out;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
