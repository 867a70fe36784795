package io.corral.model.namespace;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the nsfs ioctls tell about one namespace.
 *
 * @param parent   NS_GET_PARENT: the parent user or pid namespace; empty for other types,
 *                 for the initial namespace, and for a parent outside the reader's view (EPERM)
 * @param owner    NS_GET_USERNS: the owning user namespace; empty for the initial user namespace
 * @param ownerUid NS_GET_OWNER_UID, user namespaces only: the uid (in the reader's namespace)
 *                 of the process that created it
 */
public record NsRelations(NamespaceId id, Optional<NamespaceId> parent, Optional<NamespaceId> owner,
                          OptionalLong ownerUid) {
}
