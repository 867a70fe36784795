package io.corral.model.proc;

import io.corral.model.kernel.MalformedFileException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code /proc/<pid>/cgroup}: one line per hierarchy, {@code ID:CONTROLLERS:PATH}.
 * The result is keyed like {@link io.corral.model.cgroup.Hierarchy#id()}: {@code unified}
 * for the v2 line {@code 0::/path}, else the sorted controllers joined by commas
 * ({@code cpu,cpuacct}), or the name ({@code name=systemd}) of a named hierarchy.
 */
public final class ProcCgroups {
    private ProcCgroups() {
    }

    public static Map<String, String> parse(String text) throws MalformedFileException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (a <= 0 || b < 0 || b + 1 >= line.length() || line.charAt(b + 1) != '/') {
                throw new MalformedFileException("cgroup", text, "expected ID:CONTROLLERS:/PATH, got \"" + line + "\"");
            }
            String controllers = line.substring(a + 1, b);
            // The path may contain ':' (group names can); it runs to the end of the line.
            out.put(hierarchyId(controllers), line.substring(b + 1));
        }
        return out;
    }

    static String hierarchyId(String controllers) {
        if (controllers.isEmpty()) {
            return "unified";
        }
        List<String> plain = new ArrayList<>();
        String name = null;
        for (String c : controllers.split(",")) {
            if (c.startsWith("name=")) {
                name = c;
            } else {
                plain.add(c);
            }
        }
        if (plain.isEmpty()) {
            return name;
        }
        String[] sorted = plain.toArray(new String[0]);
        Arrays.sort(sorted);
        return String.join(",", sorted);
    }
}
