package io.corral.model.kernel;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reports subdirectories created or removed in watched group directories (inotify through
 * Java's {@link WatchService}). On cgroupfs the VFS sends IN_CREATE/IN_DELETE for a group's
 * {@code mkdir}/{@code rmdir} (and IN_MOVED_* for a v1 rename), while the interface files the
 * kernel adds to a new group make no events; so one watch per group directory tells the
 * sampler exactly which directories to look at again, without re-walking the tree.
 *
 * <p>Writes to interface files are reported too (IN_MODIFY): the VFS sends it for every
 * successful {@code write(2)}, whichever program wrote, and kernfs sends it when the kernel
 * changes a notifying file ({@code cgroup.events}, {@code memory.events}). Counters the
 * kernel updates silently (usage, stat files) make no events.
 *
 * <p>A watch can fail (max_user_watches) and the kernel can drop events (queue overflow):
 * both are reported, and the caller falls back to re-listing.
 */
public final class DirectoryWatch implements AutoCloseable {

    /**
     * Something happened to {@code child} in {@code dir}; or, if child is empty, anything
     * may have. {@code written}: a file was written (IN_MODIFY), not made or removed.
     */
    public record Change(Path dir, Optional<String> child, boolean written) {
    }

    private final Path root;
    private final WatchService service;

    public DirectoryWatch(Path root) throws KernelException {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.service = this.root.getFileSystem().newWatchService();
        } catch (IOException e) {
            throw CgroupFs.translate(KernelException.Op.OPEN, this.root, null, e);
        }
    }

    /** Starts watching {@code dir}; empty if the kernel refused (limit reached, directory gone). */
    public Optional<WatchKey> watch(Path dir) {
        if (!dir.toAbsolutePath().normalize().startsWith(root)) {
            return Optional.empty();
        }
        try {
            return Optional.of(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
        } catch (IOException | ClosedWatchServiceException e) {
            return Optional.empty();
        }
    }

    /**
     * Everything reported since the last call, without waiting. An overflow is reported as
     * a change with no child in the watched directory (or in the root if unknown): look
     * again at everything there.
     */
    public List<Change> drain() {
        List<Change> out = new ArrayList<>();
        WatchKey key;
        try {
            while ((key = service.poll()) != null) {
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.kind() == StandardWatchEventKinds.OVERFLOW || e.context() == null) {
                        out.add(new Change(dir, Optional.empty(), false));
                    } else {
                        out.add(new Change(dir, Optional.of(e.context().toString()),
                                e.kind() == StandardWatchEventKinds.ENTRY_MODIFY));
                    }
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException e) {
            // closed while draining: nothing more will come
        }
        return out;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // nothing to do: the inotify fd is gone either way
        }
    }
}
