package io.corral.views.state;

import io.corral.model.command.GroupRef;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the console may do on this host, said plainly in the status bar, and per group
 * through the model's {@link io.corral.model.privilege.Privileges} verdicts (so every
 * disabled action carries the kernel's reason).
 *
 * @param root           the process runs with effective uid 0
 * @param canWrite       some writes to cgroupfs are permitted (root, a delegated subtree, or
 *                       administrative access through the helper)
 * @param reason         why writes are not permitted (empty when they are)
 * @param delegated      v2 subtrees delegated to this user (topmost only), e.g. {@code /user.slice/...}
 * @param verdicts       the model's per-group verdicts (absent: only {@code canWrite} decides)
 * @param administrative how the privileged helper runs (e.g. "sudo"), when the user started it
 * @param hierarchies    the mounted hierarchies by id (to judge moves by group key)
 */
public record Privileges(boolean root, boolean canWrite, String reason, List<String> delegated,
                         Optional<io.corral.model.privilege.Privileges> verdicts, Optional<String> administrative,
                         java.util.Map<String, io.corral.model.cgroup.Hierarchy> hierarchies) {
    public Privileges {
        hierarchies = java.util.Map.copyOf(hierarchies);
        Objects.requireNonNull(reason);
        delegated = List.copyOf(delegated);
        Objects.requireNonNull(verdicts);
        Objects.requireNonNull(administrative);
    }

    public Privileges(boolean root, boolean canWrite, String reason) {
        this(root, canWrite, reason, List.of(), Optional.empty(), Optional.empty(), java.util.Map.of());
    }

    public static Privileges asRoot() {
        return new Privileges(true, true, "");
    }

    public static Privileges readOnly(String reason) {
        return new Privileges(false, false, reason);
    }

    /** A normal user: the model decides per group; writable where something is delegated. */
    public static Privileges of(io.corral.model.privilege.Privileges model, List<String> delegated,
                                java.util.Map<String, io.corral.model.cgroup.Hierarchy> hierarchies) {
        if (model.isRoot()) {
            return new Privileges(true, true, "", List.of(), Optional.of(model), Optional.empty(), hierarchies);
        }
        String reason = model.uid() < 0 ? "cannot tell which user Corral runs as (/proc/self/status unreadable)"
                : "not root (uid " + model.uid() + ") and no group is delegated to you; use File > Administrative "
                + "access\u2026 to change groups";
        return new Privileges(false, !delegated.isEmpty(), delegated.isEmpty() ? reason : "", delegated,
                Optional.of(model), Optional.empty(), hierarchies);
    }

    /** The same, with the privileged helper running (started through {@code how}). */
    public Privileges withAdministrativeAccess(String how) {
        return new Privileges(root, true, "", delegated, verdicts, Optional.of(how), hierarchies);
    }

    /** The status-bar text. */
    public String describe() {
        if (root) {
            return "running as root: changes apply to the live kernel";
        }
        if (administrative.isPresent()) {
            return "administrative access (helper via " + administrative.get() + ")";
        }
        if (!delegated.isEmpty()) {
            return "delegated: " + String.join(", ", delegated);
        }
        return canWrite ? "not root: writes limited to delegated groups" : "read-only: " + reason;
    }

    private boolean everything() {
        return root || administrative.isPresent();
    }

    private Optional<String> fallback() {
        return canWrite ? Optional.empty() : Optional.of("read-only: " + reason);
    }

    private static Optional<String> no(io.corral.model.privilege.Privileges.Verdict v) {
        return v.allowed() ? Optional.empty() : Optional.of(v.reason());
    }

    /** Why this process may not change {@code file} of {@code g} (limits, freeze, controllers); empty if it may. */
    public Optional<String> refuseConfigure(GroupRef g, String file) {
        return everything() ? Optional.empty() : verdicts.map(p -> no(p.canConfigure(g, file))).orElseGet(this::fallback);
    }

    /** Why this process may not create (or remove) groups below {@code parent}; empty if it may. */
    public Optional<String> refuseCreateIn(GroupRef parent) {
        return everything() ? Optional.empty() : verdicts.map(p -> no(p.canCreateIn(parent))).orElseGet(this::fallback);
    }

    /** Why this process may not move a process of {@code uid} from {@code source} to {@code target}. */
    public Optional<String> refuseMove(GroupRef source, GroupRef target, OptionalInt uid) {
        return everything() ? Optional.empty()
                : verdicts.map(p -> no(p.canMove(source, target, uid))).orElseGet(this::fallback);
    }

    /** {@link #refuseMove(GroupRef, GroupRef, OptionalInt)} by group keys (drag and drop, the picker). */
    public Optional<String> refuseMove(io.corral.model.sample.GroupKey source, io.corral.model.sample.GroupKey target) {
        if (everything() || verdicts.isEmpty()) {
            return everything() ? Optional.empty() : fallback();
        }
        io.corral.model.cgroup.Hierarchy h = hierarchies.get(target.hierarchyId());
        if (h == null || !source.hierarchyId().equals(target.hierarchyId())) {
            return fallback();
        }
        return refuseMove(new GroupRef(h, source.path()), new GroupRef(h, target.path()), OptionalInt.empty());
    }
}
