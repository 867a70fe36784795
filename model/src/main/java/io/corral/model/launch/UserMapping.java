package io.corral.model.launch;

import io.corral.model.namespace.IdMap;

/** How the ids of a new user namespace are mapped. */
public sealed interface UserMapping {

    /** No map: inside, every id shows as the overflow id (65534) until someone writes one. */
    record Unmapped() implements UserMapping {
    }

    /** {@code unshare --map-root-user}: the launching user becomes root (0) inside. */
    record MapRoot() implements UserMapping {
    }

    /** Maps Corral writes itself (through {@code IdMapWriter}) before the command runs. */
    record Explicit(IdMap uids, IdMap gids) implements UserMapping {
    }

    UserMapping UNMAPPED = new Unmapped();
    UserMapping MAP_ROOT = new MapRoot();
}
