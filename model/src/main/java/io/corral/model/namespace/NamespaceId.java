package io.corral.model.namespace;

import io.corral.model.proc.ProcFs;

import java.util.Objects;
import java.util.Optional;

/**
 * The identity of a namespace: its type and the inode of its nsfs file (what
 * {@code readlink /proc/<pid>/ns/net} shows as {@code net:[4026531833]}). Inodes are
 * unique per nsfs instance, which is one per kernel.
 */
public record NamespaceId(NamespaceType type, long inode) implements Comparable<NamespaceId> {
    public NamespaceId {
        Objects.requireNonNull(type);
    }

    /** Parses the target of a {@code /proc/<pid>/ns/*} link, e.g. {@code pid:[4026531836]}. */
    public static NamespaceId parseLink(String link) {
        int open = link.indexOf(":[");
        if (open < 0 || !link.endsWith("]")) {
            throw new IllegalArgumentException("not a namespace link: " + link);
        }
        NamespaceType type = NamespaceType.ofProcName(link.substring(0, open))
                .orElseThrow(() -> new IllegalArgumentException("unknown namespace type in " + link));
        return new NamespaceId(type, Long.parseLong(link.substring(open + 2, link.length() - 1)));
    }

    /**
     * The namespace of type {@code name} ({@code net}, {@code pid_for_children}...) that process
     * {@code pid} is in; empty if it is gone, the kernel lacks the type, or the link is not one.
     */
    public static Optional<NamespaceId> of(ProcFs proc, long pid, String name) {
        try {
            return proc.namespaceLink(pid, name).map(NamespaceId::parseLink);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(NamespaceId o) {
        int c = type.compareTo(o.type);
        return c != 0 ? c : Long.compare(inode, o.inode);
    }

    @Override
    public String toString() {
        return type.procName() + ":[" + inode + "]";
    }
}
