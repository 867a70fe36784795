package io.corral.model.limit;

import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.input.InvalidInputException;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one vocabulary of limits across cgroup v1 and v2 (DESIGN.md §2). Each knob has a
 * CLI name, the kind of value it takes, and the controller that provides it per version
 * (empty where the version has no equivalent, e.g. {@code memory.min} on v1).
 */
public enum Knob {
    /** v2 {@code cpu.max}; v1 {@code cpu.cfs_quota_us} + {@code cpu.cfs_period_us}. */
    CPU_QUOTA("cpu.quota", Kind.CPU_QUOTA, "cpu", "cpu", "cpu.cfs_quota_us", "cpu.max"),
    /** v2 {@code cpu.weight} (1..10000); v1 {@code cpu.shares} (2..262144), converted. */
    CPU_WEIGHT("cpu.weight", Kind.WEIGHT, "cpu", "cpu", "cpu.shares", "cpu.weight"),
    /** v2 {@code memory.max}; v1 {@code memory.limit_in_bytes}. */
    MEMORY_MAX("memory.max", Kind.BYTES, "memory", "memory", "memory.limit_in_bytes", "memory.max"),
    /** v2 {@code memory.high}; no v1 equivalent. */
    MEMORY_HIGH("memory.high", Kind.BYTES, null, "memory", null, "memory.high"),
    /** v2 {@code memory.low}; v1 {@code memory.soft_limit_in_bytes} (runc maps them this way too). */
    MEMORY_LOW("memory.low", Kind.BYTES, "memory", "memory", "memory.soft_limit_in_bytes", "memory.low"),
    /** v2 {@code memory.min}; no v1 equivalent. */
    MEMORY_MIN("memory.min", Kind.BYTES, null, "memory", null, "memory.min"),
    /**
     * Swap allowed on top of memory. v2 {@code memory.swap.max}; v1
     * {@code memory.memsw.limit_in_bytes} counts memory+swap, so swap = memsw - limit.
     */
    MEMORY_SWAP("memory.swap", Kind.BYTES, "memory", "memory", "memory.memsw.limit_in_bytes", "memory.swap.max"),
    /** {@code pids.max} on both versions. */
    PIDS_MAX("pids.max", Kind.COUNT, "pids", "pids", "pids.max", "pids.max"),
    /** v2 {@code io.max} rbps; v1 {@code blkio.throttle.read_bps_device}. */
    IO_RBPS("io.rbps", Kind.DEVICE_BYTES, "blkio", "io", "blkio.throttle.read_bps_device", "io.max"),
    /** v2 {@code io.max} wbps; v1 {@code blkio.throttle.write_bps_device}. */
    IO_WBPS("io.wbps", Kind.DEVICE_BYTES, "blkio", "io", "blkio.throttle.write_bps_device", "io.max"),
    /** v2 {@code io.max} riops; v1 {@code blkio.throttle.read_iops_device}. */
    IO_RIOPS("io.riops", Kind.DEVICE_COUNT, "blkio", "io", "blkio.throttle.read_iops_device", "io.max"),
    /** v2 {@code io.max} wiops; v1 {@code blkio.throttle.write_iops_device}. */
    IO_WIOPS("io.wiops", Kind.DEVICE_COUNT, "blkio", "io", "blkio.throttle.write_iops_device", "io.max"),
    /** {@code cpuset.cpus} on both versions. */
    CPUSET_CPUS("cpuset.cpus", Kind.ID_LIST, "cpuset", "cpuset", "cpuset.cpus", "cpuset.cpus"),
    /** {@code cpuset.mems} on both versions. */
    CPUSET_MEMS("cpuset.mems", Kind.ID_LIST, "cpuset", "cpuset", "cpuset.mems", "cpuset.mems");

    /** The shape of value a knob takes. */
    public enum Kind {
        /** cores and period, or unlimited. */
        CPU_QUOTA,
        /** a cgroup v2 weight 1..10000. */
        WEIGHT,
        /** bytes, or unlimited. */
        BYTES,
        /** a count, or unlimited. */
        COUNT,
        /** bytes per second per block device. */
        DEVICE_BYTES,
        /** operations per second per block device. */
        DEVICE_COUNT,
        /** a cpu or memory-node list such as {@code 0-3,5}. */
        ID_LIST
    }

    private final String cliName;
    private final Kind kind;
    private final String v1Controller;
    private final String v2Controller;
    private final String v1File;
    private final String v2File;

    Knob(String cliName, Kind kind, String v1Controller, String v2Controller, String v1File, String v2File) {
        this.cliName = cliName;
        this.kind = kind;
        this.v1Controller = v1Controller;
        this.v2Controller = v2Controller;
        this.v1File = v1File;
        this.v2File = v2File;
    }

    /** The name users type: {@code cpu.quota}, {@code memory.max}, ... */
    public String cliName() {
        return cliName;
    }

    public Kind kind() {
        return kind;
    }

    /** The controller that provides this knob in the given version, if the version has one. */
    public Optional<String> controller(CgroupVersion version) {
        return Optional.ofNullable(version == CgroupVersion.V1 ? v1Controller : v2Controller);
    }

    /** The interface file the value is read from in the given version (the main one, for v1 quota). */
    public Optional<String> file(CgroupVersion version) {
        return Optional.ofNullable(version == CgroupVersion.V1 ? v1File : v2File);
    }

    /** True if the hierarchy has this knob's controller (v2: available at its root). */
    public boolean appliesTo(Hierarchy h) {
        return controller(h.version()).map(h::has).orElse(false);
    }

    /** True if an "unlimited" value makes sense for this knob. */
    public boolean acceptsUnlimited() {
        return kind != Kind.WEIGHT && kind != Kind.ID_LIST;
    }

    public static Optional<Knob> byName(String cliName) {
        return Arrays.stream(values()).filter(k -> k.cliName.equals(cliName)).findFirst();
    }

    /** Like {@link #byName} but refuses unknown names, listing the known ones. */
    public static Knob parse(String cliName) throws InvalidInputException {
        Optional<Knob> k = byName(cliName);
        if (k.isEmpty()) {
            throw new InvalidInputException(cliName, "unknown knob \"" + Texts.printable(cliName) + "\" (known: "
                    + Arrays.stream(values()).map(Knob::cliName).collect(Collectors.joining(" ")) + ")");
        }
        return k.get();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
