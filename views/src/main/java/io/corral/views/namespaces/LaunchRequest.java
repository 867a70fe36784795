package io.corral.views.namespaces;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.launch.LaunchSpec;
import io.corral.model.limit.Setting;

import java.util.List;

/**
 * What the Launch dialog asks for: a group (resolved to directories by whoever runs it,
 * off the FX thread), the launch without groups, and limits to set on the group first.
 */
public record LaunchRequest(GroupSpec group, LaunchSpec spec, List<Setting> limits) {
    public LaunchRequest {
        limits = List.copyOf(limits);
    }

    public LaunchRequest(GroupSpec group, LaunchSpec spec) {
        this(group, spec, List.of());
    }

    public LaunchRequest withLimits(List<Setting> settings) {
        return new LaunchRequest(group, spec, settings);
    }
}
