package io.corral.model.namespace;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a user namespace adds: its creator's uid and its id maps, read through one member
 * process (absent when no process is in it, e.g. a parent kept alive only by children).
 *
 * @param setgroups {@code allow} or {@code deny} ({@code /proc/<pid>/setgroups})
 */
public record UserNamespaceInfo(OptionalLong ownerUid, Optional<IdMap> uidMap, Optional<IdMap> gidMap,
                                Optional<String> setgroups) {

    public static final UserNamespaceInfo UNKNOWN = new UserNamespaceInfo(OptionalLong.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** The host uid an id inside stands for; empty if unmapped or the map is unknown. */
    public OptionalLong uidToHost(long inside) {
        return uidMap.map(m -> m.toOutside(inside)).orElse(OptionalLong.empty());
    }

    public OptionalLong uidToInside(long host) {
        return uidMap.map(m -> m.toInside(host)).orElse(OptionalLong.empty());
    }

    public OptionalLong gidToHost(long inside) {
        return gidMap.map(m -> m.toOutside(inside)).orElse(OptionalLong.empty());
    }

    public OptionalLong gidToInside(long host) {
        return gidMap.map(m -> m.toInside(host)).orElse(OptionalLong.empty());
    }

    public Optional<IdMap> map(IdMapKind kind) {
        return kind == IdMapKind.UID ? uidMap : gidMap;
    }
}
