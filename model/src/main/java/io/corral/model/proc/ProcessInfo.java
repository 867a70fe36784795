package io.corral.model.proc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One process as procfs shows it at one instant.
 *
 * @param cmdline      the arguments; empty for kernel threads and zombies
 * @param uid          real uid (first field of {@code Uid:} in status)
 * @param user         the user name from the host's {@code /etc/passwd}, if listed there
 * @param threads      number of threads ({@code num_threads} in stat)
 * @param kernelThread PF_KTHREAD set (or kthreadd and its children on kernels without the flag)
 * @param cgroups      the group path per hierarchy id ({@code unified}, {@code cpu}, {@code name=systemd})
 * @param cpuTicks     utime + stime in clock ticks
 * @param startTicks   start time after boot in ticks: a pid reused by a new process gets a new value
 * @param rssBytes     resident set size ({@code rss} pages in stat); absent for kernel threads and zombies,
 *                     which have no address space (the kernel shows 0 there)
 */
public record ProcessInfo(int pid, int ppid, String comm, List<String> cmdline, int uid, Optional<String> user,
                          ProcessState state, int threads, boolean kernelThread, Map<String, String> cgroups,
                          long cpuTicks, long startTicks, OptionalLong rssBytes) {
    public ProcessInfo {
        Objects.requireNonNull(comm);
        cmdline = List.copyOf(cmdline);
        Objects.requireNonNull(user);
        Objects.requireNonNull(state);
        cgroups = Map.copyOf(cgroups);
        Objects.requireNonNull(rssBytes);
    }

    public boolean zombie() {
        return state == ProcessState.ZOMBIE;
    }

    /** The group of this process in one hierarchy. */
    public Optional<String> cgroup(String hierarchyId) {
        return Optional.ofNullable(cgroups.get(hierarchyId));
    }

    /** The command line joined by spaces, or {@code [comm]} as ps shows kernel threads and zombies. */
    public String commandLine() {
        return cmdline.isEmpty() ? "[" + comm + "]" : String.join(" ", cmdline);
    }
}
