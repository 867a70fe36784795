package io.corral.model.cgroup;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.DirStat;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.MalformedFileException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitReader;
import io.corral.model.usage.CpuUsage;
import io.corral.model.usage.GroupUsage;
import io.corral.model.usage.IoUsage;
import io.corral.model.usage.MemoryUsage;
import io.corral.model.usage.Pressure;
import io.corral.model.usage.UsageText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the interface files of one group (not its children): the single seam between the
 * tree walk and cgroupfs, so a faster reader (kept-open fds, allocation-free parsing) can
 * replace it behind the same result. Membership files are opened fresh on every read: a
 * kept v1 {@code cgroup.procs}/{@code tasks} fd returns a stale pid list.
 */
public class GroupReader {
    private final CgroupFs fs;
    private final LimitReader limits;

    public GroupReader(CgroupFs fs) {
        this.fs = fs;
        this.limits = new LimitReader(fs);
    }

    public CgroupFs fs() {
        return fs;
    }

    /**
     * One group without children, or empty if the directory is gone (removed between
     * listing and reading: normal, not a problem).
     */
    public Optional<Group> read(Hierarchy h, GroupPath path, Path dir, DirStat stat, List<ReadProblem> problems) {
        Optional<List<Integer>> procs = ids(dir.resolve("cgroup.procs"), problems);
        if (procs.isEmpty() && !fs.exists(dir)) {
            return Optional.empty();
        }
        Optional<List<Integer>> threads = ids(dir.resolve(h.isV2() ? "cgroup.threads" : "tasks"), problems);
        return Optional.of(readWithout(h, path, dir, stat, problems).withMembership(procs, threads));
    }

    /**
     * One group without children and without membership (processes and threads absent):
     * for a reader that knows membership from elsewhere. Does not check that the directory
     * still exists.
     */
    public Group readWithout(Hierarchy h, GroupPath path, Path dir, DirStat stat, List<ReadProblem> problems) {
        Optional<List<String>> controllers = Optional.empty();
        Optional<List<String>> subtree = Optional.empty();
        Optional<String> type = Optional.empty();
        if (h.isV2()) {
            controllers = text(dir.resolve("cgroup.controllers"), problems).map(GroupReader::words);
            subtree = text(dir.resolve("cgroup.subtree_control"), problems).map(GroupReader::words);
            type = text(dir.resolve("cgroup.type"), problems).map(String::strip);
        }
        State st = state(h, dir, problems);
        GroupLimits l = limits.read(dir, h, problems);
        GroupUsage usage = usage(h, dir, problems);
        return new Group(path, stat.inode(), Optional.empty(), Optional.empty(), controllers, subtree, type,
                st.freezer(), st.populated(), l, usage, List.of());
    }

    /**
     * Every file {@link #readWithout} may read in a group of {@code h} (a superset: files a
     * group lacks are simply absent), so a caller can tell cheaply whether reading again
     * could give anything new. Keep in step with the reading code below and in
     * {@link LimitReader} (GroupReaderFilesTest changes each fixture file in turn to check).
     */
    public static List<String> filesRead(Hierarchy h) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (h.isV2()) {
            out.addAll(List.of("cgroup.controllers", "cgroup.subtree_control", "cgroup.type"));
        }
        out.addAll(usageFilesRead(h));
        if (!h.isV2() && h.has("cpu")) {
            out.add("cpu.cfs_period_us"); // to read a quota
        }
        if (!h.isV2() && h.has("memory")) {
            out.add("memory.limit_in_bytes"); // to read memsw against it
        }
        for (Knob k : Knob.values()) {
            if (k.appliesTo(h)) {
                k.file(h.version()).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** Every file {@link #usage} and {@link #state} may read in a group of {@code h} (see {@link #filesRead}). */
    public static List<String> usageFilesRead(Hierarchy h) {
        List<String> out = new ArrayList<>();
        if (h.isV2()) {
            out.addAll(List.of("cgroup.events", "cgroup.freeze", "cpu.stat", "memory.current", "memory.peak",
                    "memory.swap.current", "memory.events", "io.stat", "pids.current", "cpu.pressure",
                    "memory.pressure", "io.pressure"));
            return List.copyOf(out);
        }
        if (h.has("freezer")) {
            out.add("freezer.state");
        }
        if (h.has("cpuacct")) {
            out.addAll(List.of("cpuacct.usage", "cpuacct.stat"));
        }
        if (h.has("cpu")) {
            out.add("cpu.stat");
        }
        if (h.has("memory")) {
            out.addAll(List.of("memory.usage_in_bytes", "memory.max_usage_in_bytes", "memory.failcnt"));
        }
        if (h.has("blkio")) {
            out.addAll(List.of("blkio.throttle.io_service_bytes", "blkio.throttle.io_serviced"));
        }
        if (h.has("pids")) {
            out.add("pids.current");
        }
        return List.copyOf(out);
    }

    /** Freezer state and (v2) populated. */
    public record State(Optional<FreezeState> freezer, Optional<Boolean> populated) {
    }

    /** v1 {@code freezer.state}; v2 {@code cgroup.freeze} + {@code cgroup.events}. */
    public State state(Hierarchy h, Path dir, List<ReadProblem> problems) {
        if (h.isV2()) {
            Optional<Map<String, Long>> events = keyed(dir, "cgroup.events", problems);
            Optional<Boolean> populated = events.flatMap(e -> Optional.ofNullable(e.get("populated"))).map(v -> v != 0);
            return new State(v2Freezer(dir, events, problems), populated);
        }
        return new State(h.has("freezer") ? v1Freezer(dir, problems) : Optional.empty(), Optional.empty());
    }

    /** The membership files, read fresh: {@code cgroup.procs} and {@code tasks}/{@code cgroup.threads}. */
    public Optional<List<Integer>> processes(Hierarchy h, Path dir, List<ReadProblem> problems) {
        return ids(dir.resolve("cgroup.procs"), problems);
    }

    public Optional<List<Integer>> threads(Hierarchy h, Path dir, List<ReadProblem> problems) {
        return ids(dir.resolve(h.isV2() ? "cgroup.threads" : "tasks"), problems);
    }

    /** A pid/tid list; absent if missing, unreadable (reported) or refused for threaded groups (EOPNOTSUPP). */
    private Optional<List<Integer>> ids(Path file, List<ReadProblem> problems) {
        Optional<String> text;
        try {
            text = fs.readIfPresent(file);
        } catch (KernelException e) {
            // cgroup2 refuses to list cgroup.procs of a threaded group: its processes live in the domain above.
            if (e.errno() != Errno.EOPNOTSUPP) {
                problems.add(ReadProblem.of(e));
            }
            return Optional.empty();
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> ids = new ArrayList<>();
        for (String line : text.get().split("\n")) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!t.matches("[0-9]{1,9}")) {
                problems.add(new ReadProblem(file.toString(), "not a pid: \"" + t + "\""));
                continue;
            }
            ids.add(Integer.parseInt(t));
        }
        ids.sort(null);
        return Optional.of(ids);
    }

    private Optional<FreezeState> v1Freezer(Path dir, List<ReadProblem> problems) {
        Optional<String> s = text(dir.resolve("freezer.state"), problems);
        if (s.isEmpty()) {
            return Optional.empty(); // the root of the freezer hierarchy cannot be frozen and has no file
        }
        Optional<FreezeState> state = FreezeState.ofV1(s.get());
        if (state.isEmpty()) {
            problems.add(new ReadProblem(dir.resolve("freezer.state").toString(), "unknown state " + s.get().strip()));
        }
        return state;
    }

    private Optional<FreezeState> v2Freezer(Path dir, Optional<Map<String, Long>> events, List<ReadProblem> problems) {
        Optional<String> asked = text(dir.resolve("cgroup.freeze"), problems);
        Optional<Long> frozen = events.flatMap(e -> Optional.ofNullable(e.get("frozen")));
        if (asked.isEmpty() || frozen.isEmpty()) {
            return Optional.empty(); // the v2 root has neither
        }
        return Optional.of(FreezeState.ofV2(asked.get(), frozen.get()));
    }

    /** The usage counters of one group (every usage file, read fresh). */
    public GroupUsage usage(Hierarchy h, Path dir, List<ReadProblem> problems) {
        Optional<CpuUsage> cpu;
        Optional<MemoryUsage> memory = Optional.empty();
        Optional<IoUsage> io = Optional.empty();
        OptionalLong pids = OptionalLong.empty();
        Optional<Pressure> cpuP = Optional.empty();
        Optional<Pressure> memP = Optional.empty();
        Optional<Pressure> ioP = Optional.empty();
        if (h.isV2()) {
            cpu = keyed(dir, "cpu.stat", problems).map(s -> new CpuUsage(get(s, "usage_usec"), get(s, "user_usec"),
                    get(s, "system_usec"), get(s, "nr_periods"), get(s, "nr_throttled"), get(s, "throttled_usec")));
            MemoryUsage m = new MemoryUsage(single(dir, "memory.current", problems), single(dir, "memory.peak", problems),
                    OptionalLong.empty(), single(dir, "memory.swap.current", problems),
                    keyed(dir, "memory.events", problems).orElse(Map.of()));
            memory = m.isEmpty() ? Optional.empty() : Optional.of(m);
            io = parsed(dir, "io.stat", problems, UsageText::ioStat);
            pids = single(dir, "pids.current", problems);
            cpuP = parsed(dir, "cpu.pressure", problems, Pressure::parse);
            memP = parsed(dir, "memory.pressure", problems, Pressure::parse);
            ioP = parsed(dir, "io.pressure", problems, Pressure::parse);
        } else {
            cpu = v1Cpu(h, dir, problems);
            if (h.has("memory")) {
                MemoryUsage m = new MemoryUsage(single(dir, "memory.usage_in_bytes", problems),
                        single(dir, "memory.max_usage_in_bytes", problems), single(dir, "memory.failcnt", problems),
                        OptionalLong.empty(), Map.of());
                memory = m.isEmpty() ? Optional.empty() : Optional.of(m);
            }
            if (h.has("blkio")) {
                Optional<long[]> bytes = parsed(dir, "blkio.throttle.io_service_bytes", problems, UsageText::blkioReadWrite);
                Optional<long[]> ops = parsed(dir, "blkio.throttle.io_serviced", problems, UsageText::blkioReadWrite);
                if (bytes.isPresent() || ops.isPresent()) {
                    io = Optional.of(new IoUsage(at(bytes, 0), at(bytes, 1), at(ops, 0), at(ops, 1)));
                }
            }
            if (h.has("pids")) {
                pids = single(dir, "pids.current", problems);
            }
        }
        return new GroupUsage(cpu, memory, io, pids, cpuP, memP, ioP);
    }

    private Optional<CpuUsage> v1Cpu(Hierarchy h, Path dir, List<ReadProblem> problems) {
        OptionalLong usage = OptionalLong.empty();
        OptionalLong user = OptionalLong.empty();
        OptionalLong system = OptionalLong.empty();
        OptionalLong periods = OptionalLong.empty();
        OptionalLong throttled = OptionalLong.empty();
        OptionalLong throttledUsec = OptionalLong.empty();
        if (h.has("cpuacct")) {
            OptionalLong ns = single(dir, "cpuacct.usage", problems);
            usage = ns.isPresent() ? OptionalLong.of(ns.getAsLong() / 1000) : ns;
            Optional<Map<String, Long>> stat = keyed(dir, "cpuacct.stat", problems);
            // cpuacct.stat counts USER_HZ ticks (10 ms each).
            user = ticks(stat, "user");
            system = ticks(stat, "system");
        }
        if (h.has("cpu")) {
            Optional<Map<String, Long>> stat = keyed(dir, "cpu.stat", problems);
            periods = stat.map(s -> get(s, "nr_periods")).orElse(OptionalLong.empty());
            throttled = stat.map(s -> get(s, "nr_throttled")).orElse(OptionalLong.empty());
            OptionalLong ns = stat.map(s -> get(s, "throttled_time")).orElse(OptionalLong.empty());
            throttledUsec = ns.isPresent() ? OptionalLong.of(ns.getAsLong() / 1000) : ns;
        }
        CpuUsage c = new CpuUsage(usage, user, system, periods, throttled, throttledUsec);
        return c.isEmpty() ? Optional.empty() : Optional.of(c);
    }

    private static OptionalLong ticks(Optional<Map<String, Long>> stat, String key) {
        OptionalLong t = stat.map(s -> get(s, key)).orElse(OptionalLong.empty());
        return t.isPresent() ? OptionalLong.of(t.getAsLong() * 10_000) : t;
    }

    private static OptionalLong at(Optional<long[]> v, int i) {
        return v.isPresent() ? OptionalLong.of(v.get()[i]) : OptionalLong.empty();
    }

    private static OptionalLong get(Map<String, Long> m, String key) {
        Long v = m.get(key);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private interface Parser<T> {
        T parse(String file, String text) throws MalformedFileException;
    }

    private <T> Optional<T> parsed(Path dir, String file, List<ReadProblem> problems, Parser<T> parser) {
        Optional<String> text = text(dir.resolve(file), problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(file, text.get()));
        } catch (MalformedFileException e) {
            problems.add(ReadProblem.of(dir.resolve(file), e));
            return Optional.empty();
        }
    }

    private Optional<Map<String, Long>> keyed(Path dir, String file, List<ReadProblem> problems) {
        return parsed(dir, file, problems, UsageText::flatKeyed);
    }

    private OptionalLong single(Path dir, String file, List<ReadProblem> problems) {
        Optional<Long> v = parsed(dir, file, problems, UsageText::single);
        return v.isPresent() ? OptionalLong.of(v.get()) : OptionalLong.empty();
    }

    /** A file's text; absent if missing, or unreadable (then reported). */
    private Optional<String> text(Path file, List<ReadProblem> problems) {
        try {
            return fs.readIfPresent(file);
        } catch (KernelException e) {
            problems.add(ReadProblem.of(e));
            return Optional.empty();
        }
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
