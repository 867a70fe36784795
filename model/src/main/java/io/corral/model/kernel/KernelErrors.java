package io.corral.model.kernel;

import java.nio.file.Path;

/**
 * The one place that turns a kernel refusal (errno + operation + file + value) into a
 * sentence that says what happened and what to do, with the path and value. The CLI and
 * the GUI both show these texts. Each case below was checked on the live kernel (6.18,
 * hybrid layout) unless its comment says otherwise.
 */
public final class KernelErrors {
    private KernelErrors() {
    }

    public static String explain(KernelException e) {
        if (e.getCause() instanceof SecurityException) {
            return "refused: " + e.path() + " is protected; Corral never changes anything under "
                    + String.join(", ", CgroupFs.PROTECTED);
        }
        if (e.getCause() instanceof GroupMissingException) {
            Path group = e.path().getParent();
            String file = e.path().getFileName().toString();
            boolean taskFile = file.equals("cgroup.procs") || file.equals("tasks") || file.equals("cgroup.threads");
            return "group " + group + " does not exist (any more: removed meanwhile, or never created); "
                    + (taskFile ? "nothing was moved" : e.value().map(v -> '"' + printable(v) + "\" was not written to "
                    + file).orElse("nothing was written"));
        }
        if (e.getCause() instanceof IllegalArgumentException) {
            return "refused: " + e.path() + " is not a normalized path beneath the host root";
        }
        return explain(e.op(), e.path(), e.errno(), e.value().orElse(null));
    }

    public static String explain(KernelException.Op op, Path path, Errno errno, String value) {
        String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        Path group = path.getParent() == null ? path : path.getParent();
        String v = value == null ? "" : '"' + printable(value) + '"';
        if (errno == Errno.EACCES || errno == Errno.EPERM) {
            return permission(op, path, file, v);
        }
        return switch (op) {
            case WRITE -> write(path, group, file, errno, v, value);
            case MKDIR -> mkdir(path, errno);
            case RMDIR -> rmdir(path, errno);
            case RENAME -> rename(path, errno, v);
            case READ, LIST, OPEN -> read(path, file, errno);
        };
    }

    private static String write(Path path, Path group, String file, Errno errno, String v, String value) {
        boolean taskFile = file.equals("cgroup.procs") || file.equals("tasks") || file.equals("cgroup.threads");
        if (taskFile) {
            return switch (errno) {
                case ESRCH -> "process " + v + " has exited (or never existed); nothing was moved into " + group;
                // Kernel threads (PF_NO_SETAFFINITY) and tasks still inside fork() answer EINVAL;
                // the engine retries a few times before reporting it.
                case EINVAL -> "the kernel refused to move " + v + " into " + group
                        + ": it is a kernel thread, a task still being created, or not one process id";
                case EBUSY -> group + " has controllers enabled for its children (cgroup.subtree_control): "
                        + "cgroup2 allows processes only in groups without them (\"no internal processes\"); "
                        + "move " + v + " into a child group, or disable the controllers first";
                case EOPNOTSUPP -> "cannot move " + v + " into " + group
                        + ": threads can move only inside their own threaded subtree (cgroup.type), "
                        + "and only whole processes between domain groups";
                case ENOSPC -> "cannot move " + v + ": cpuset group " + group + " has no CPUs or memory nodes (cpuset.cpus / cpuset.mems "
                        + "are empty): set both before moving tasks into it";
                case ENOENT, ENODEV -> "group " + group + " does not exist (any more); nothing was moved";
                default -> generic("write " + v + " to", path, errno);
            };
        }
        return switch (errno) {
            case E2BIG -> "value for " + path + " is " + (value == null ? 0 : value.length())
                    + " bytes; the kernel accepts at most 4096 (one page)";
            // Verified: cpuset.cpus naming a CPU beyond the machine's answers ERANGE.
            case ERANGE -> file.startsWith("cpuset.")
                    ? "value " + v + " is out of range for " + path + ": that CPU or memory node does not exist here"
                    : "value " + v + " is out of range for " + path;
            case EINVAL -> file.equals("cgroup.subtree_control")
                    ? "the kernel refused " + v + " for " + path + ": write +NAME or -NAME of a controller"
                    : file.startsWith("cpuset.")
                    ? "the kernel refused " + v + " for " + path
                            + ": CPUs and memory nodes must exist and be a subset of the parent's"
                    : "the kernel refused " + v + " for " + path + " (not a value this file accepts)";
            case EBUSY -> busyWrite(path, group, file, v);
            case ENOENT -> file.equals("cgroup.subtree_control")
                    ? "controller " + v + " is not available in " + group
                            + " (not in its cgroup.controllers): enable it in the parent's cgroup.subtree_control first"
                    : "cannot write " + v + ": interface file " + path + " does not exist: the controller is not enabled for "
                            + group + " or this kernel does not have it";
            case ENODEV -> "group " + group + " was removed; " + v + " was not written";
            case EOPNOTSUPP -> file.equals("cgroup.subtree_control")
                    ? "controller " + v + " cannot be enabled in the threaded subtree " + group
                            + " (only threaded controllers such as cpu, cpuset, pids, perf_event can)"
                    : "the kernel does not support " + v + " in " + path;
            case ENOSPC -> "cpuset " + path + " cannot be emptied while " + group + " has tasks";
            case EAGAIN -> "the kernel asked to try " + v + " on " + path + " again later (resource busy)";
            default -> generic("write " + v + " to", path, errno);
        };
    }

    private static String busyWrite(Path path, Path group, String file, String v) {
        if (file.startsWith("memory.") && file.contains("limit")) {
            // Verified: v1 memory.limit_in_bytes below what the group uses and cannot reclaim.
            return "memory limit " + v + " is below what " + group + " uses now and the kernel could not "
                    + "reclaim enough (" + path + "); raise the limit or let the group shrink first";
        }
        if (file.equals("cgroup.subtree_control")) {
            return "cannot change " + v + " in " + path + ": " + group
                    + " has processes of its own (\"no internal processes\") or a child still uses the controller";
        }
        if (file.equals("cgroup.type")) {
            return "cannot make " + group + " threaded: it has domain controllers enabled or children that are domains";
        }
        return "the kernel is busy with " + path + " and refused " + v;
    }

    private static String mkdir(Path path, Errno errno) {
        return switch (errno) {
            case EEXIST -> "group " + path + " already exists";
            case ENOENT -> "cannot create " + path + ": parent group " + path.getParent() + " does not exist";
            case EAGAIN -> "cannot create " + path + ": an ancestor's cgroup.max.depth or cgroup.max.descendants is reached";
            case ENAMETOOLONG -> "group name " + path.getFileName() + " is too long (at most 255 bytes)";
            case ENODEV -> "parent group of " + path + " was removed";
            case EROFS -> "cgroup file system holding " + path + " is mounted read-only";
            default -> generic("create", path, errno);
        };
    }

    private static String rmdir(Path path, Errno errno) {
        return switch (errno) {
            case EBUSY -> "group " + path + " still has processes (or is still dying): move or end them first";
            case ENOTEMPTY -> "group " + path + " has child groups: remove them first";
            case ENOENT, ENODEV -> "group " + path + " does not exist (any more)";
            default -> generic("remove", path, errno);
        };
    }

    private static String rename(Path path, Errno errno, String v) {
        return switch (errno) {
            case EEXIST, ENOTEMPTY -> "cannot rename " + path + " to " + v + ": that group already exists";
            case ENOENT -> "group " + path + " does not exist";
            case EOPNOTSUPP -> "cgroup2 cannot rename groups (" + path + "): create a new group and move the processes";
            default -> generic("rename " + path + " to " + v + ":", path, errno);
        };
    }

    private static String read(Path path, String file, Errno errno) {
        return switch (errno) {
            case ENOENT -> "file " + path + " does not exist (the group was removed, or its controller is not "
                    + "enabled here)";
            // kernfs answers ENODEV for a file of a group that is being removed.
            case ENODEV -> "group of " + path + " was removed while reading " + file;
            case ELOOP -> path + " is a symbolic link: refused";
            default -> generic("read", path, errno);
        };
    }

    private static String permission(KernelException.Op op, Path path, String file, String v) {
        if (v.isEmpty() && op == KernelException.Op.WRITE) {
            v = "a value";
        }
        String what = switch (op) {
            case WRITE -> "write " + v + " to " + path;
            case MKDIR -> "create group " + path;
            case RMDIR -> "remove group " + path;
            case RENAME -> "rename " + path + (v.isEmpty() ? "" : " to " + v);
            default -> "read " + path;
        };
        String hint = op == KernelException.Op.WRITE && (file.equals("cgroup.procs") || file.equals("tasks"))
                ? " (moving a process needs write access to cgroup.procs of the common ancestor of its old and new group,"
                        + " and permission to signal it)"
                : op == KernelException.Op.RENAME
                ? " (cgroup2 refuses every rename; on v1 source and target must share the parent)"
                : "; run as root or in a subtree delegated to you";
        return "permission denied: cannot " + what + hint;
    }

    private static String generic(String action, Path path, Errno errno) {
        return "cannot " + action + " " + path + ": " + errno.name()
                + (errno.strerror().isEmpty() ? "" : " (" + errno.strerror() + ")");
    }

    private static String printable(String value) {
        String s = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
