package io.corral.model.checkpoint;

import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The limit files a checkpoint records and a restore writes back. CRIU restores few limits
 * on cgroup2 (and with {@code --manage-cgroups=ignore} none at all), so Corral keeps them
 * itself. Only the few files needed for that are read here; the order of the lists is the
 * order of writing (cpuset before tasks can join, the CFS period before the quota, the
 * memory limit before memory+swap).
 */
public final class LimitFiles {
    private static final Map<String, List<String>> V1 = Map.of(
            "cpuset", List.of("cpuset.cpus", "cpuset.mems"),
            "cpu", List.of("cpu.cfs_period_us", "cpu.cfs_quota_us", "cpu.shares"),
            "memory", List.of("memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "memory.soft_limit_in_bytes"),
            "pids", List.of("pids.max"));
    private static final List<String> V1_ORDER = List.of("cpuset", "cpu", "memory", "pids");
    private static final List<String> V2 = List.of("cpuset.cpus", "cpuset.mems", "cpu.max", "cpu.weight",
            "memory.min", "memory.low", "memory.high", "memory.max", "memory.swap.max", "pids.max", "io.max");

    /** One write of a recorded value back; {@code error} is empty when it was applied. */
    public record Write(String file, String value, Optional<String> error) {
        public boolean applied() {
            return error.isEmpty();
        }
    }

    private final CgroupFs fs;

    public LimitFiles(CgroupFs fs) {
        this.fs = fs;
    }

    /** The limit files this hierarchy has, in writing order. */
    public static List<String> files(Hierarchy h) {
        if (h.isV2()) {
            return V2;
        }
        List<String> out = new ArrayList<>();
        for (String c : V1_ORDER) {
            if (h.has(c)) {
                out.addAll(V1.get(c));
            }
        }
        return out;
    }

    /** Reads the limits of a group: file name to value, in writing order; missing or empty files are left out. */
    public Map<String, String> read(GroupPlace place) throws KernelException {
        Map<String, String> out = new LinkedHashMap<>();
        Path dir = place.dir(fs);
        for (String f : files(place.hierarchy())) {
            Optional<String> v = fs.readIfPresent(dir.resolve(f));
            if (v.isPresent() && !v.get().isBlank()) {
                out.put(f, v.get().strip());
            }
        }
        return out;
    }

    /** Writes only the cpuset files (a v1 cpuset group takes no task until they are set). */
    public List<Write> applyCpuset(GroupPlace place, Map<String, String> limits) {
        Map<String, String> cpuset = new LinkedHashMap<>();
        limits.forEach((f, v) -> {
            if (f.startsWith("cpuset.")) {
                cpuset.put(f, v);
            }
        });
        return apply(place, cpuset);
    }

    /**
     * Writes recorded values back, in order; values that depend on one another (memory+swap
     * below a lowered memory limit) are tried a second time. Multi-line files (io.max) are
     * written a line at a time, as the kernel takes one rule per write.
     */
    public List<Write> apply(GroupPlace place, Map<String, String> limits) {
        Path dir = place.dir(fs);
        List<Write> done = new ArrayList<>();
        List<Write> failed = new ArrayList<>();
        for (Map.Entry<String, String> e : limits.entrySet()) {
            for (String line : e.getValue().split("\n")) {
                Write w = write(dir, e.getKey(), line);
                (w.applied() ? done : failed).add(w);
            }
        }
        for (Write w : failed) {
            done.add(write(dir, w.file(), w.value()));
        }
        return done;
    }

    private Write write(Path dir, String file, String value) {
        try {
            fs.write(dir.resolve(file), value);
            return new Write(file, value, Optional.empty());
        } catch (KernelException e) {
            return new Write(file, value, Optional.of(e.getMessage()));
        }
    }
}
