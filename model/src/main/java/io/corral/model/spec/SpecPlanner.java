package io.corral.model.spec;

import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.Command;
import io.corral.model.command.GroupRef;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.LimitReader;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.Setting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Computes what {@code apply} must do to make the host match a spec: create missing
 * groups (parents first) and set the limits that differ from what the kernel holds. The
 * plan is a list of commands, shown as is by {@code --dry-run} and otherwise run by the
 * engine. Nothing is removed: a spec adds and changes.
 */
public final class SpecPlanner {
    private final CgroupFs fs;
    private final LimitReader reader;

    public SpecPlanner(CgroupFs fs) {
        this.fs = fs;
        this.reader = new LimitReader(fs);
    }

    public List<Command> plan(HostSpec spec, List<Hierarchy> mounted) throws InvalidInputException {
        List<Command> plan = new ArrayList<>();
        for (HostSpec.HierarchyGroups hg : spec.hierarchies()) {
            Hierarchy h = mounted.stream().filter(m -> m.id().equals(hg.hierarchy())).findFirst()
                    .orElseThrow(() -> new InvalidInputException(hg.hierarchy(), "the spec names hierarchy \""
                            + hg.hierarchy() + "\", which is not mounted here (mounted: "
                            + String.join(" ", mounted.stream().map(Hierarchy::id).toList()) + ")"));
            List<HostSpec.GroupEntry> groups = new ArrayList<>(hg.groups());
            groups.sort(Comparator.comparingInt(g -> g.path().depth()));
            List<GroupRef> creating = new ArrayList<>();
            for (HostSpec.GroupEntry entry : groups) {
                GroupRef g = new GroupRef(h, entry.path());
                boolean exists = fs.exists(g.dir(fs));
                if (!exists) {
                    requireParent(g, creating);
                    plan.add(new Command.CreateGroup(g));
                    creating.add(g);
                }
                List<Setting> changes = new ArrayList<>();
                GroupLimits now = exists ? reader.read(g.dir(fs), h, new ArrayList<>()) : GroupLimits.NONE;
                for (Setting s : entry.limits()) {
                    if (!s.knob().appliesTo(h)) {
                        throw new InvalidInputException(s.toString(), h.id() + ":" + entry.path() + ": " + s.knob()
                                + " does not belong to hierarchy " + h.id());
                    }
                    Optional<LimitValue> current = now.value(s.knob());
                    if (current.isEmpty() || !current.get().equals(s.value())) {
                        changes.add(s);
                    }
                }
                if (!changes.isEmpty()) {
                    plan.add(new Command.SetLimits(g, changes));
                }
            }
        }
        return plan;
    }

    private void requireParent(GroupRef g, List<GroupRef> creating) throws InvalidInputException {
        GroupRef parent = g.parent();
        if (parent.path().isRoot() || fs.exists(parent.dir(fs)) || creating.contains(parent)) {
            return;
        }
        throw new InvalidInputException(g.path().toString(), "the spec has " + g + " but not its parent "
                + parent.path() + ", which does not exist");
    }
}
