package io.corral.views.namespaces;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.launch.LaunchSpec;

/**
 * What the Launch dialog asks for: a group (resolved to directories by whoever runs it,
 * off the FX thread) and the launch without groups.
 */
public record LaunchRequest(GroupSpec group, LaunchSpec spec) {
}
