package io.corral.model.namespace;

import java.util.Optional;

/**
 * Whether a user namespace's map can still be written, and if not, why: the kernel takes a
 * map once, through a process in the namespace, from a writer with the capability.
 */
public final class IdMapEditability {
    private IdMapEditability() {
    }

    /** Empty if Corral may write the map now; otherwise the reason, for a disabled editor. */
    public static Optional<String> whyNot(Namespace ns, IdMapKind kind, boolean privileged) {
        if (ns.type() != NamespaceType.USER) {
            return Optional.of("only user namespaces have id maps");
        }
        if (ns.owner().isEmpty()) {
            return Optional.of("the initial user namespace's maps are fixed by the kernel");
        }
        if (ns.pids().isEmpty()) {
            return Optional.of("no process is left in this namespace to write " + kind.file() + " through");
        }
        Optional<IdMap> map = ns.user().flatMap(u -> u.map(kind));
        if (map.isEmpty()) {
            return Optional.of(kind.file() + " could not be read");
        }
        if (!map.get().isEmpty()) {
            return Optional.of(kind.file() + " is already written; the kernel accepts a map only once");
        }
        if (!privileged) {
            return Optional.of("Corral is not running as root: without " + kind.capability()
                    + " in the parent namespace only a single line mapping the writer's own id is allowed");
        }
        return Optional.empty();
    }

    /** The process to write through: the namespace's first member. */
    public static Optional<Long> writerPid(Namespace ns) {
        return ns.pids().stream().findFirst();
    }
}
