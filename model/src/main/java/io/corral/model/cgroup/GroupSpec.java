package io.corral.model.cgroup;

import io.corral.model.input.GroupName;
import io.corral.model.input.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The GROUP argument of the CLI: {@code /path} (every hierarchy) or
 * {@code CONTROLLERS:/path} after libcgroup's {@code -g cpu,memory:/path}, where a selector
 * is a controller name, {@code unified} (the cgroup2 hierarchy) or a v1 name such as
 * {@code name=systemd}.
 */
public record GroupSpec(List<String> selectors, GroupPath path) {
    public GroupSpec {
        selectors = List.copyOf(selectors);
    }

    public static GroupSpec parse(String text) throws InvalidInputException {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException("", "empty GROUP (use /path or CONTROLLERS:/path)");
        }
        int colon = text.indexOf(':');
        List<String> selectors = new ArrayList<>();
        String path = text;
        if (colon >= 0 && !text.startsWith("/")) {
            for (String s : text.substring(0, colon).split(",")) {
                if (s.isEmpty()) {
                    throw new InvalidInputException(text, "GROUP \"" + text + "\" has an empty controller name");
                }
                selectors.add(s);
            }
            path = text.substring(colon + 1);
        }
        return new GroupSpec(selectors, GroupPath.parse(path, GroupName.KNOWN_CONTROLLERS));
    }

    public boolean allHierarchies() {
        return selectors.isEmpty();
    }

    /** True if this spec names the hierarchy (always, when no selectors were given). */
    public boolean selects(Hierarchy h) {
        if (selectors.isEmpty()) {
            return true;
        }
        for (String s : selectors) {
            if (s.equals(h.id()) || h.has(s) || (s.equals("unified") && h.isV2())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The hierarchies this spec names. Every selector must match at least one mounted
     * hierarchy, or the whole spec is refused.
     */
    public List<Hierarchy> select(List<Hierarchy> hierarchies) throws InvalidInputException {
        for (String s : selectors) {
            boolean matched = hierarchies.stream()
                    .anyMatch(h -> s.equals(h.id()) || h.has(s) || (s.equals("unified") && h.isV2()));
            if (!matched) {
                List<String> known = new ArrayList<>();
                hierarchies.forEach(h -> known.add(h.isV2() ? "unified" : h.id()));
                throw new InvalidInputException(s, "no mounted hierarchy has \"" + s + "\" (mounted: "
                        + String.join(" ", known) + ")");
            }
        }
        return hierarchies.stream().filter(this::selects).toList();
    }

    @Override
    public String toString() {
        return selectors.isEmpty() ? path.toString() : String.join(",", selectors) + ":" + path;
    }
}
