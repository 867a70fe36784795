package io.corral.views.state;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.HierarchyTree;
import io.corral.model.command.GroupRef;
import io.corral.model.sample.HostSnapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's {@link Privileges} per snapshot, from the model's
 * {@link io.corral.model.privilege.Privileges} of this process (its effective uid, not
 * {@code user.name}): root; or a normal user with the v2 subtrees delegated to it (found by
 * walking the snapshot's groups, at most every {@link #RESCAN}, topmost ones only); plus
 * "administrative access" once the user started the privileged helper. Runs on the sampler
 * thread.
 */
public final class PrivilegeSource implements Function<HostSnapshot, Privileges> {
    static final Duration RESCAN = Duration.ofSeconds(5);
    private final io.corral.model.privilege.Privileges model;
    private volatile Optional<String> administrative = Optional.empty();
    private Privileges last;
    private long lastScan;

    public PrivilegeSource(io.corral.model.privilege.Privileges model) {
        this.model = model;
    }

    /** The helper is running (started through {@code how}, e.g. "sudo"); empty when it ended. */
    public void setAdministrativeAccess(Optional<String> how) {
        administrative = how;
        last = null;
    }

    public io.corral.model.privilege.Privileges model() {
        return model;
    }

    @Override
    public synchronized Privileges apply(HostSnapshot s) {
        long now = System.nanoTime();
        if (last == null || now - lastScan > RESCAN.toNanos()) {
            java.util.Map<String, io.corral.model.cgroup.Hierarchy> byId = new java.util.HashMap<>();
            s.hierarchies().forEach(t -> byId.put(t.hierarchy().id(), t.hierarchy()));
            Privileges p = Privileges.of(model, model.isRoot() ? List.of() : delegated(s), byId);
            Optional<String> admin = administrative;
            last = admin.isPresent() && !model.isRoot() ? p.withAdministrativeAccess(admin.get()) : p;
            lastScan = now;
        }
        return last;
    }

    /** Topmost groups delegated to this user, as {@code /path} (v2) or {@code id:/path} (v1). */
    List<String> delegated(HostSnapshot s) {
        List<String> out = new ArrayList<>();
        for (HierarchyTree t : s.hierarchies()) {
            List<GroupPath> found = new ArrayList<>();
            for (Group g : t.root().flatten()) {
                if (g.path().isRoot() || found.stream().anyMatch(f -> f.contains(g.path()))) {
                    continue;
                }
                if (model.isDelegated(new GroupRef(t.hierarchy(), g.path()))) {
                    found.add(g.path());
                    out.add(t.hierarchy().isV2() ? g.path().toString() : t.hierarchy().id() + ":" + g.path());
                }
            }
        }
        return out;
    }
}
