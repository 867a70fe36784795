package io.corral.model.namespace;

import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import io.corral.model.proc.ProcFs;

import java.util.Optional;

/**
 * Writes {@code uid_map}/{@code gid_map} of a user namespace through one of its member
 * processes, after the checks the kernel would make, so that the usual refusals come
 * with a reason (user_namespaces(7), "Defining user and group ID mappings").
 */
public final class IdMapWriter {
    private final ProcFs proc;
    private final boolean privileged;

    /**
     * @param privileged whether the writer holds CAP_SETUID/CAP_SETGID over the parent
     *                   namespace (Corral as root in the initial namespace); an
     *                   unprivileged writer must deny {@code setgroups} before a {@code gid_map}
     */
    public IdMapWriter(ProcFs proc, boolean privileged) {
        this.proc = proc;
        this.privileged = privileged;
    }

    public static IdMapWriter live() {
        return new IdMapWriter(ProcFs.live(), "root".equals(System.getProperty("user.name")));
    }

    /**
     * Writes the map of the user namespace that process {@code pid} is in, in one write.
     * For an unprivileged gid map, {@code deny} goes to {@code setgroups} first.
     */
    public void write(long pid, IdMapKind kind, IdMap map) throws IdMapRefusedException {
        if (map.isEmpty()) {
            throw new IdMapRefusedException(kind, null, kind.file() + ": an empty map cannot be written "
                    + "(the kernel sees no write at all)", null);
        }
        try {
            map.validate();
        } catch (io.corral.model.input.InvalidInputException e) {
            throw new IdMapRefusedException(kind, null, kind.file() + ": " + e.getMessage(), e);
        }
        Optional<String> current;
        try {
            current = proc.read(pid, kind.file());
        } catch (KernelException e) {
            throw new IdMapRefusedException(kind, e.errno(), "cannot read " + kind.file() + " of process " + pid
                    + ": " + e.getMessage(), e);
        }
        if (current.isEmpty()) {
            throw new IdMapRefusedException(kind, Errno.ESRCH, "process " + pid + " is gone: its user namespace "
                    + "can no longer be reached through it", null);
        }
        if (!current.get().isBlank()) {
            throw new IdMapRefusedException(kind, null, kind.file() + " of process " + pid
                    + " is already written; the kernel takes a map only once", null);
        }
        try {
            if (kind == IdMapKind.GID && !privileged) {
                proc.writeUserNamespaceFile(pid, "setgroups", "deny");
            }
            proc.writeUserNamespaceFile(pid, kind.file(), map.format());
        } catch (KernelException e) {
            throw new IdMapRefusedException(kind, e.errno(), explain(kind, pid, e), e);
        }
    }

    /** The kernel's refusal in people's words. */
    static String explain(IdMapKind kind, long pid, KernelException e) {
        String file = e.path().getFileName().toString();
        String head = "the kernel refused to write " + file + " of process " + pid + " (" + e.errno().name() + "): ";
        return switch (e.errno()) {
            case EPERM -> file.equals("setgroups")
                    ? head + "setgroups can only be denied before gid_map is written"
                    : head + "either the map was written already (maps are write-once), or the writer lacks "
                    + kind.capability() + " in the parent user namespace and maps more than its own id"
                    + (kind == IdMapKind.GID ? ", or setgroups is not \"deny\"" : "");
            case EINVAL -> head + "the ranges are not acceptable (overlap, outside 32 bits, more than "
                    + IdMap.MAX_LINES + " lines, or not one write at offset 0)";
            case EACCES -> head + "no permission to open the file (another user's process)";
            case ENOENT, ESRCH -> head + "the process has exited";
            default -> head + e.getMessage();
        };
    }
}
