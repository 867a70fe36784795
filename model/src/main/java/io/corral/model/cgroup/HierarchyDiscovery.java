package io.corral.model.cgroup;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds every mounted cgroup hierarchy from {@code /proc/self/mountinfo}. A hierarchy
 * mounted more than once (bind mounts) is listed once, at its first mount point.
 */
public final class HierarchyDiscovery {
    private final CgroupFs fs;

    public HierarchyDiscovery(CgroupFs fs) {
        this.fs = fs;
    }

    public List<Hierarchy> discover() throws KernelException {
        return discover(fs.read(mountTable()));
    }

    /** Where {@link #discover()} reads: {@code /proc/self/mountinfo} on the host root. */
    public Path mountTable() {
        return fs.onHost("/proc/self/mountinfo");
    }

    /** The hierarchies of a mount table's text (as {@link #mountTable()} holds it). */
    public List<Hierarchy> discover(String mountinfo) {
        Map<String, Hierarchy> byId = new LinkedHashMap<>();
        for (String line : mountinfo.split("\n")) {
            parseLine(line).ifPresent(m -> byId.putIfAbsent(m.id(), withControllers(m)));
        }
        List<Hierarchy> list = new ArrayList<>(byId.values());
        // v2 first, then v1 by id: a stable order for trees and JSON.
        list.sort((a, b) -> a.isV2() != b.isV2() ? (a.isV2() ? -1 : 1) : a.id().compareTo(b.id()));
        return List.copyOf(list);
    }

    private Hierarchy withControllers(Hierarchy h) {
        if (!h.isV2()) {
            return h;
        }
        try {
            String text = fs.readIfPresent(fs.onHost(h.mount()).resolve("cgroup.controllers")).orElse("");
            List<String> controllers = Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            return new Hierarchy(h.id(), h.version(), controllers, h.mount(), h.mountRoot());
        } catch (KernelException e) {
            return h;
        }
    }

    /** Parses one mountinfo line; empty for non-cgroup mounts and malformed lines. */
    static Optional<Hierarchy> parseLine(String line) {
        String[] f = line.trim().split(" ");
        int dash = Arrays.asList(f).indexOf("-");
        if (dash < 6 || f.length < dash + 4) {
            return Optional.empty();
        }
        String fsType = f[dash + 1];
        String root = unescape(f[3]);
        String mountPoint = unescape(f[4]);
        if (fsType.equals("cgroup2")) {
            return Optional.of(new Hierarchy("unified", CgroupVersion.V2, List.of(), mountPoint, root));
        }
        if (!fsType.equals("cgroup")) {
            return Optional.empty();
        }
        List<String> controllers = new ArrayList<>();
        String name = null;
        for (String opt : f[dash + 3].split(",")) {
            if (opt.startsWith("name=")) {
                name = opt;
            } else if (!isMountOption(opt)) {
                controllers.add(opt);
            }
        }
        controllers.sort(null);
        String id;
        if (controllers.isEmpty()) {
            if (name == null) {
                return Optional.empty();
            }
            id = name;
        } else {
            id = String.join(",", controllers);
        }
        return Optional.of(new Hierarchy(id, CgroupVersion.V1, controllers, mountPoint, root));
    }

    private static boolean isMountOption(String opt) {
        return opt.equals("rw") || opt.equals("ro") || opt.equals("noprefix") || opt.equals("clone_children")
                || opt.equals("xattr") || opt.equals("cpuset_v2_mode") || opt.equals("favordynmods")
                || opt.startsWith("release_agent=") || opt.equals("none") || opt.equals("all");
    }

    /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()
                    && s.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
