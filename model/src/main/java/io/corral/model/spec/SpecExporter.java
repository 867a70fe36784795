package io.corral.model.spec;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.GroupRef;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.limit.GroupLimits;
import io.corral.model.limit.LimitReader;
import io.corral.model.limit.Setting;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads groups and their limits into a {@link HostSpec}: every group below {@code top} (or
 * the whole hierarchy), parents before children; the root itself is never exported.
 */
public final class SpecExporter {
    private final CgroupFs fs;
    private final LimitReader limits;

    public SpecExporter(CgroupFs fs) {
        this.fs = fs;
        this.limits = new LimitReader(fs);
    }

    public HostSpec export(List<GroupRef> tops, List<ReadProblem> problems) {
        List<HostSpec.HierarchyGroups> out = new ArrayList<>();
        for (GroupRef top : tops) {
            List<HostSpec.GroupEntry> groups = new ArrayList<>();
            walk(top.hierarchy(), top.path(), groups, problems);
            out.add(new HostSpec.HierarchyGroups(top.hierarchy().id(), groups));
        }
        return new HostSpec(out);
    }

    private void walk(Hierarchy h, GroupPath path, List<HostSpec.GroupEntry> out, List<ReadProblem> problems) {
        GroupRef g = new GroupRef(h, path);
        if (!path.isRoot()) {
            GroupLimits l = limits.read(g.dir(fs), h, problems);
            List<Setting> settings = new ArrayList<>();
            l.asMap().forEach((knob, limit) -> settings.add(new Setting(knob, limit.value())));
            out.add(new HostSpec.GroupEntry(path, settings));
        }
        try {
            for (String child : fs.childGroups(g.dir(fs))) {
                walk(h, path.child(child), out, problems);
            }
        } catch (KernelException e) {
            // Removed while walking: absent, not a problem; anything else is reported.
            if (e.errno() != io.corral.model.kernel.Errno.ENOENT && e.errno() != io.corral.model.kernel.Errno.ENODEV) {
                problems.add(ReadProblem.of(e));
            }
        }
    }
}
