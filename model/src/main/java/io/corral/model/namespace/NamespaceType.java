package io.corral.model.namespace;

import java.util.Locale;
import java.util.Optional;

/**
 * The eight namespace types, named as in {@code /proc/<pid>/ns/} and {@code lsns}.
 * Each carries its {@code CLONE_NEW*} flag (what {@code NS_GET_NSTYPE} returns) and the
 * {@code unshare(1)} option that creates one.
 */
public enum NamespaceType {
    CGROUP("cgroup", 0x02000000, "--cgroup", "cgroup root: the process sees its own group as /"),
    IPC("ipc", 0x08000000, "--ipc", "System V IPC and POSIX message queues of its own"),
    MNT("mnt", 0x00020000, "--mount", "its own mount table (mounts made inside stay inside)"),
    NET("net", 0x40000000, "--net", "its own network stack: only a loopback device, down"),
    PID("pid", 0x20000000, "--pid", "its own process ids: the command runs as PID 1's child"),
    TIME("time", 0x00000080, "--time", "its own monotonic and boot-time clock offsets"),
    USER("user", 0x10000000, "--user", "its own user and group ids, mapped to the host's by uid_map/gid_map"),
    UTS("uts", 0x04000000, "--uts", "its own host name and domain name");

    private final String procName;
    private final int cloneFlag;
    private final String unshareOption;
    private final String explanation;

    NamespaceType(String procName, int cloneFlag, String unshareOption, String explanation) {
        this.procName = procName;
        this.cloneFlag = cloneFlag;
        this.unshareOption = unshareOption;
        this.explanation = explanation;
    }

    /** The file name under {@code /proc/<pid>/ns/} and the type name lsns prints. */
    public String procName() {
        return procName;
    }

    /** {@code CLONE_NEWPID} etc. */
    public int cloneFlag() {
        return cloneFlag;
    }

    public String unshareOption() {
        return unshareOption;
    }

    /** One line for people: what a new namespace of this type gives a process. */
    public String explanation() {
        return explanation;
    }

    /**
     * pid and time namespaces apply to children only: {@code unshare(2)} leaves the caller
     * where it was and changes {@code pid_for_children}/{@code time_for_children}.
     */
    public boolean appliesToChildren() {
        return this == PID || this == TIME;
    }

    /** Only user and pid namespaces are nested (NS_GET_PARENT answers only for them). */
    public boolean isHierarchical() {
        return this == PID || this == USER;
    }

    public static Optional<NamespaceType> ofProcName(String name) {
        for (NamespaceType t : values()) {
            if (t.procName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static Optional<NamespaceType> ofCloneFlag(int flag) {
        for (NamespaceType t : values()) {
            if (t.cloneFlag == flag) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Parses a user's type name: the proc names, plus {@code mount}/{@code network} as unshare spells them. */
    public static Optional<NamespaceType> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "mount" -> Optional.of(MNT);
            case "network" -> Optional.of(NET);
            default -> ofProcName(t);
        };
    }
}
