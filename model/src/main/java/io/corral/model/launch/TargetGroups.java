package io.corral.model.launch;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a GROUP argument into the group directories a launched process goes into. */
public final class TargetGroups {
    private TargetGroups() {
    }

    /**
     * {@code /path}: every hierarchy where the group exists (at least one must);
     * {@code CONTROLLERS:/path}: each named hierarchy, where it must exist. Launching never
     * creates groups.
     */
    public static List<Path> resolve(CgroupFs fs, List<Hierarchy> hierarchies, GroupSpec spec)
            throws InvalidInputException {
        List<Path> dirs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Hierarchy h : spec.select(hierarchies)) {
            Path dir = fs.onHost(h.mount());
            for (String name : spec.path().names()) {
                dir = dir.resolve(name);
            }
            if (fs.exists(dir.resolve("cgroup.procs"))) {
                dirs.add(dir);
            } else {
                missing.add(h.label());
            }
        }
        if (dirs.isEmpty()) {
            throw new InvalidInputException(spec.toString(), "group " + spec + " does not exist in any selected "
                    + "hierarchy (create it first: corral mkdir " + spec + ")");
        }
        if (!spec.allHierarchies() && !missing.isEmpty()) {
            throw new InvalidInputException(spec.toString(), "group " + spec.path() + " does not exist in "
                    + String.join(", ", missing) + " (create it first: corral mkdir " + spec + ")");
        }
        return List.copyOf(dirs);
    }
}
