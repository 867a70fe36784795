package io.corral.model.namespace;

import java.nio.file.Path;
import java.util.Map;

/**
 * Asks the kernel how a namespace relates to others. The live implementation is
 * {@link NsFs} (ioctls on an open nsfs file); tests substitute a table.
 */
@FunctionalInterface
public interface NamespaceRelations {
    /**
     * Describes the namespace of {@code nsFile} (a {@code /proc/<pid>/ns/*} file) and every
     * parent and owner reachable from it, adding each one not yet in {@code known}.
     *
     * @throws java.io.IOException if the file cannot be opened (the process exited)
     */
    void describe(Path nsFile, Map<NamespaceId, NsRelations> known) throws java.io.IOException;
}
