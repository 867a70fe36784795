package io.corral.model.command;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns a GROUP argument ({@code /p}, {@code cpu,pids:/p}, {@code unified:/p}) into the
 * groups a command targets, so the CLI and the GUI resolve it the same way.
 */
public final class GroupTargets {
    private final CgroupFs fs;
    private final List<Hierarchy> hierarchies;

    public GroupTargets(CgroupFs fs, List<Hierarchy> hierarchies) {
        this.fs = fs;
        this.hierarchies = List.copyOf(hierarchies);
    }

    public List<Hierarchy> hierarchies() {
        return hierarchies;
    }

    /** For creating: every selected hierarchy ({@code /p}: every mounted one). */
    public List<GroupRef> toCreate(GroupSpec spec) throws InvalidInputException {
        List<GroupRef> out = new ArrayList<>();
        for (Hierarchy h : select(spec)) {
            out.add(new GroupRef(h, spec.path()));
        }
        return out;
    }

    /**
     * For changing an existing group: the selected hierarchies that have it. With explicit
     * selectors every one of them must have it; with {@code /p} at least one must.
     */
    public List<GroupRef> existing(GroupSpec spec) throws InvalidInputException {
        return existing(spec, h -> true, null);
    }

    /**
     * Like {@link #existing(GroupSpec)} but only hierarchies that can do {@code what}
     * (e.g. freeze: v2 or a v1 freezer); {@code why} names the capability in messages.
     */
    public List<GroupRef> existing(GroupSpec spec, Predicate<Hierarchy> can, String why) throws InvalidInputException {
        List<GroupRef> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Hierarchy> selected = select(spec);
        for (Hierarchy h : selected) {
            GroupRef g = new GroupRef(h, spec.path());
            if (!can.test(h)) {
                continue;
            }
            if (fs.exists(g.dir(fs))) {
                out.add(g);
            } else {
                missing.add(h.isV2() ? "unified" : h.id());
            }
        }
        if (!spec.allHierarchies() && !missing.isEmpty()) {
            throw new InvalidInputException(spec.toString(), "group " + spec.path() + " does not exist in "
                    + String.join(", ", missing));
        }
        if (out.isEmpty()) {
            boolean anyCapable = selected.stream().anyMatch(can);
            throw new InvalidInputException(spec.toString(), !anyCapable && why != null
                    ? "none of the selected hierarchies " + why
                    : "group " + spec.path() + " does not exist in " + (spec.allHierarchies() ? "any hierarchy"
                    : "the selected hierarchies"));
        }
        return out;
    }

    private List<Hierarchy> select(GroupSpec spec) throws InvalidInputException {
        if (hierarchies.isEmpty()) {
            throw new InvalidInputException(spec.toString(), "no cgroup hierarchy is mounted on this host");
        }
        return spec.select(hierarchies);
    }
}
