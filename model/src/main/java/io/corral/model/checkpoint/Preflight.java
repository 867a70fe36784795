package io.corral.model.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is known before a dump: the group's places, its process tree, and everything that
 * would make CRIU refuse or the result unsafe. Shown in the checkpoint dialog.
 *
 * @param group            the GROUP as given
 * @param places           the group in every hierarchy that has it
 * @param freezer          the place CRIU freezes ({@code --freeze-cgroup}): v1 freezer, else cgroup2
 * @param tasks            processes in the group
 * @param root             the root of the group's single process tree
 * @param tree             the root and all its descendants (what CRIU dumps)
 * @param outsideTree      tasks of the group that are not in the root's tree
 * @param treeOutsideGroup descendants of the root that are not in the group
 * @param problems         reasons the dump cannot start at all
 * @param blockers         resources CRIU refuses unless told how to handle them
 * @param estimatedBytes   image size estimate (resident memory of the tree plus some)
 * @param freeBytes        usable space in the catalog's file system
 * @param pidNamespace     the root is the init of its own pid namespace
 * @param holder           an {@code unshare} in the group that only waits for the root (the
 *                         init of its pid namespace, as {@code corral launch --ns pid} makes):
 *                         it is not dumped, and exits when the dumped tree is stopped
 */
public record Preflight(String group, List<GroupPlace> places, Optional<GroupPlace> freezer, List<Long> tasks,
                        Optional<Long> root, List<Long> tree, List<Long> outsideTree, List<Long> treeOutsideGroup,
                        List<String> problems, List<Blocker> blockers, long estimatedBytes, long freeBytes,
                        boolean pidNamespace, Optional<Long> holder) {

    /** A resource CRIU will refuse to dump (or dumps only when asked to). */
    public record Blocker(Kind kind, long pid, String detail) {
        @Override
        public String toString() {
            return kind.text + " in PID " + pid + " (" + detail + ")";
        }
    }

    public enum Kind {
        TCP_ESTABLISHED("established TCP connection"),
        EXTERNAL_UNIX_STREAM("unix stream socket connected outside the tree"),
        IO_URING("io_uring instance");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /** Everything that stops a dump with these options; empty when it can go ahead. */
    public List<String> reasons(CheckpointOptions options) {
        List<String> out = new ArrayList<>(problems);
        for (Blocker b : blockers) {
            if (b.kind() == Kind.TCP_ESTABLISHED && options.tcpEstablished()) {
                continue;
            }
            out.add(b + (b.kind() == Kind.TCP_ESTABLISHED ? ": choose to dump established connections" : ""));
        }
        return out;
    }

    public boolean ready(CheckpointOptions options) {
        return reasons(options).isEmpty();
    }
}
