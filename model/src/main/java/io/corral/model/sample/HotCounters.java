package io.corral.model.sample;

import io.corral.model.cgroup.Hierarchy;

import java.util.ArrayList;
import java.util.List;

/**
 * The interface files read on every tick through kept-open fds: every file a rate is computed
 * from ({@link Rates}: CPU time and io bytes, in every hierarchy that has them), and one file
 * per other quantity per host (memory, tasks, freezer state), from the hierarchy that holds
 * it. Everything else a group has (limits, throttling, pressure, peaks, configuration) is
 * "warm": re-read round-robin every few ticks, whenever a hot counter of the group
 * changed, and right after the console wrote to the group.
 *
 * <p>A rate's counter must be hot: a group whose hot files did not change is handed over as
 * the same object, which {@link Rates} takes as "read again, unchanged". A hybrid host's
 * cgroup2 {@code cpu.stat} used to be warm (cpuacct.usage counted the CPU time); its group
 * then kept its old counter on the tick it moved, and the next reading's difference spanned
 * two intervals (a root group at 747 % on 2 CPUs right after the console started).
 *
 * <p>The set is small on purpose: the hard fd limit here is 20 000, and 5000 groups times
 * four hot files already fill it ({@link io.corral.model.kernel.KeptFiles} opens the rest per
 * read). Membership files are never hot: a kept v1
 * {@code cgroup.procs}/{@code tasks} fd returns a stale pid list (the kernel caches it while
 * reads come less than about a second apart).
 */
public final class HotCounters {
    private HotCounters() {
    }

    /** The hot files of every group of {@code h}, given all hierarchies of the host. */
    public static List<String> files(Hierarchy h, List<Hierarchy> all) {
        List<String> out = new ArrayList<>(4);
        if (!h.isV2()) {
            if (h.has("cpuacct")) {
                out.add("cpuacct.usage");
            }
            if (h.has("memory")) {
                out.add("memory.usage_in_bytes");
            }
            if (h.has("blkio")) {
                out.add("blkio.throttle.io_service_bytes");
            }
            if (h.has("pids")) {
                out.add("pids.current");
            }
            if (h.has("freezer")) {
                out.add("freezer.state");
            }
            return out;
        }
        out.add("cpu.stat"); // every cgroup2 group accounts its CPU time (a rate)
        if (h.has("memory") && !v1Has(all, "memory")) {
            out.add("memory.current");
        }
        if (h.has("io")) {
            out.add("io.stat"); // io bytes (a rate)
        }
        if (h.has("pids") && !v1Has(all, "pids")) {
            out.add("pids.current");
        }
        if (!v1Has(all, "freezer")) {
            // populated and frozen; the freezer of a v2 host changes state on its own after a write.
            out.add("cgroup.events");
        }
        return out;
    }

    private static boolean v1Has(List<Hierarchy> all, String controller) {
        return all.stream().anyMatch(x -> !x.isV2() && x.has(controller));
    }
}
