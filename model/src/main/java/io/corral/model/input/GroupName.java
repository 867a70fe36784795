package io.corral.model.input;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Rules for one path component of a control group. Names that would escape the
 * hierarchy or collide with an interface file are refused here, before any mkdir.
 */
public final class GroupName {
    /** NAME_MAX of kernfs. */
    public static final int MAX_BYTES = 255;

    /** Every controller the kernel knows; their dotted names are interface files on v2. */
    public static final java.util.List<String> KNOWN_CONTROLLERS = java.util.List.of(
            "cpu", "cpuacct", "cpuset", "memory", "memsw", "devices", "freezer", "net_cls", "net_prio",
            "blkio", "io", "pids", "perf_event", "hugetlb", "rdma", "misc", "dmem", "irq");

    private GroupName() {
    }

    /**
     * @param controllers controllers of the hierarchy (their names are reserved prefixes:
     *                    {@code memory.foo} would look like an interface file)
     */
    public static String validate(String name, Collection<String> controllers) throws InvalidInputException {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("", "group name is empty");
        }
        String shown = DecimalPid.printable(name);
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidInputException(name, "group name \"" + name + "\" is not allowed (it would leave the group)");
        }
        if (name.indexOf('/') >= 0) {
            throw new InvalidInputException(name, "group name \"" + shown + "\" contains '/' (give one name, or a path to the parent)");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidInputException(name, "group name \"" + shown + "\" contains a control character");
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidInputException(name, "group name is " + bytes + " bytes long (at most " + MAX_BYTES + ")");
        }
        if (name.equals("tasks") || name.equals("notify_on_release") || name.equals("release_agent")
                || name.startsWith("cgroup.")) {
            throw new InvalidInputException(name, "group name \"" + name + "\" is the name of a cgroup interface file");
        }
        java.util.Set<String> reserved = new java.util.TreeSet<>(KNOWN_CONTROLLERS);
        reserved.addAll(controllers);
        for (String controller : reserved) {
            if (name.startsWith(controller + ".")) {
                throw new InvalidInputException(name, "group name \"" + name
                        + "\" starts with \"" + controller + ".\" and would look like a " + controller + " interface file");
            }
        }
        return name;
    }
}
