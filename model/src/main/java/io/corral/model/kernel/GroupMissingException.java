package io.corral.model.kernel;

import java.nio.file.NoSuchFileException;

/**
 * The cause of a {@link KernelException} (ENOENT) for a write whose group directory itself is
 * missing: removed by someone else since it was looked at, or never created. Not "no such
 * interface file", which is what a bare ENOENT would be explained as.
 */
public final class GroupMissingException extends NoSuchFileException {
    public GroupMissingException(String group) {
        super(group);
    }
}
