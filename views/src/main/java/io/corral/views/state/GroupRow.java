package io.corral.views.state;

import io.corral.model.cgroup.FreezeState;

import io.corral.model.sample.GroupKey;

import io.corral.model.cgroup.CgroupVersion;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One group at one refresh, as the console shows it. Built from a model snapshot by an
 * adapter on the sampler thread; immutable.
 *
 * @param key                identity (hierarchy and path)
 * @param version            v1 or v2
 * @param tasks              processes in the group (cgroup.procs), with their details
 * @param cpuPercent         CPU % of one core over the last interval (absent: no cpu accounting)
 * @param memoryCurrent      memory.current / memory.usage_in_bytes
 * @param memoryLimit        memory.max / memory.limit_in_bytes (absent: unlimited or no memory controller)
 * @param ioBytesPerSecond   read+write bytes per second (io.stat / blkio)
 * @param pidsCurrent        pids.current
 * @param pidsMax            pids.max (absent: "max" or no pids controller)
 * @param freeze             freezer state (absent: no freezer here, e.g. a v2 root or a v1 hierarchy without it)
 * @param type               cgroup.type (v2)
 * @param enabledForChildren v2 cgroup.subtree_control: controllers enabled for the children
 * @param available          v2 cgroup.controllers: controllers that could be enabled
 * @param systemdUnit        the name is a systemd unit (*.slice, *.scope, *.service)
 * @param delegated          the unit delegates its subtree (Delegate=yes, "trusted.delegate" xattr
 *                           or group owned by a non-root user)
 * @param known              how much of the group is read yet (the first frames come in phases;
 *                           what is not read yet shows as "reading…", never as zero)
 */
public record GroupRow(GroupKey key, CgroupVersion version, List<TaskRow> tasks, OptionalDouble cpuPercent,
                       OptionalLong memoryCurrent, OptionalLong memoryLimit, OptionalDouble ioBytesPerSecond,
                       OptionalLong pidsCurrent, OptionalLong pidsMax, Optional<FreezeState> freeze, GroupType type,
                       List<String> enabledForChildren, List<String> available, boolean systemdUnit,
                       boolean delegated, Known known) {

    /** What a row's values stand for while the console's first reading is still going on. */
    public enum Known {
        /** The name only (a walk of the directories): every measurement still being read. */
        NAME,
        /** Usage, limits and state read; the processes not yet (tasks empty means "reading"). */
        WITHOUT_TASKS,
        /** Everything (absent values are absent in the kernel). */
        ALL
    }

    public GroupRow {
        Objects.requireNonNull(known);
        tasks = List.copyOf(tasks);
        enabledForChildren = List.copyOf(enabledForChildren);
        available = List.copyOf(available);
    }

    /** A fully read row. */
    public GroupRow(GroupKey key, CgroupVersion version, List<TaskRow> tasks, OptionalDouble cpuPercent,
                    OptionalLong memoryCurrent, OptionalLong memoryLimit, OptionalDouble ioBytesPerSecond,
                    OptionalLong pidsCurrent, OptionalLong pidsMax, Optional<FreezeState> freeze, GroupType type,
                    List<String> enabledForChildren, List<String> available, boolean systemdUnit,
                    boolean delegated) {
        this(key, version, tasks, cpuPercent, memoryCurrent, memoryLimit, ioBytesPerSecond, pidsCurrent, pidsMax,
                freeze, type, enabledForChildren, available, systemdUnit, delegated, Known.ALL);
    }

    /** Usage, limits and state are read (not only the name). */
    public boolean groupKnown() {
        return known != Known.NAME;
    }

    /** The task list is read: empty means no processes. */
    public boolean tasksKnown() {
        return known == Known.ALL;
    }

    /** FROZEN or FREEZING. */
    public boolean frozenOrFreezing() {
        return freeze.map(f -> f != FreezeState.THAWED).orElse(false);
    }

    public boolean isRoot() {
        return key.path().isRoot();
    }

    public String name() {
        return key.path().name();
    }

    /** A group with only a key, for hierarchies and tests; every measurement absent. */
    public static GroupRow bare(GroupKey key, CgroupVersion version) {
        return new GroupRow(key, version, List.of(), OptionalDouble.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), GroupType.DOMAIN, List.of(), List.of(), false, false);
    }
}
