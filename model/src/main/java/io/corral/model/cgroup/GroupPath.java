package io.corral.model.cgroup;

import io.corral.model.input.GroupName;
import io.corral.model.input.InvalidInputException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A validated path of a group inside a hierarchy: {@code /} for the root, otherwise
 * {@code /a/b}. Every component passed {@link GroupName#validate}, so it can never leave
 * the hierarchy's mount.
 */
public record GroupPath(List<String> names) implements Comparable<GroupPath> {
    public static final GroupPath ROOT = new GroupPath(List.of());

    public GroupPath {
        names = List.copyOf(names);
    }

    /** Parses {@code /a/b} (leading slash required; a trailing slash is tolerated). */
    public static GroupPath parse(String text, Collection<String> controllers) throws InvalidInputException {
        if (text == null || !text.startsWith("/")) {
            throw new InvalidInputException(String.valueOf(text),
                    "group path \"" + text + "\" must start with '/' (e.g. /corral-test-web)");
        }
        if (text.equals("/")) {
            return ROOT;
        }
        String body = text.endsWith("/") ? text.substring(1, text.length() - 1) : text.substring(1);
        List<String> parts = new ArrayList<>();
        for (String part : body.split("/", -1)) {
            try {
                parts.add(GroupName.validate(part, controllers));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(text, "group path \"" + text + "\": " + e.getMessage());
            }
        }
        return new GroupPath(parts);
    }

    /** Trusted construction from names the kernel listed (directory entries). */
    public static GroupPath ofKernel(String slashPath) {
        if (slashPath.equals("/") || slashPath.isEmpty()) {
            return ROOT;
        }
        List<String> parts = new ArrayList<>();
        for (String p : slashPath.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return new GroupPath(parts);
    }

    public boolean isRoot() {
        return names.isEmpty();
    }

    public GroupPath child(String name) {
        List<String> n = new ArrayList<>(names);
        n.add(name);
        return new GroupPath(n);
    }

    public GroupPath parent() {
        if (isRoot()) {
            return this;
        }
        return new GroupPath(names.subList(0, names.size() - 1));
    }

    public String name() {
        return isRoot() ? "/" : names.get(names.size() - 1);
    }

    public int depth() {
        return names.size();
    }

    /** True if {@code other} is this path or beneath it (compared by components, so /foo2 is not under /foo). */
    public boolean contains(GroupPath other) {
        return other.names.size() >= names.size() && other.names.subList(0, names.size()).equals(names);
    }

    @Override
    public String toString() {
        return "/" + String.join("/", names);
    }

    @Override
    public int compareTo(GroupPath o) {
        return toString().compareTo(o.toString());
    }
}
