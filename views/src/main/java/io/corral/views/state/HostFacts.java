package io.corral.views.state;

import io.corral.model.cgroup.CgroupLayout;

import java.time.Duration;

/**
 * Facts about the host for the status bar and for drop verdicts.
 *
 * @param hostname         host name
 * @param kernel           kernel release (uname -r)
 * @param layout           v1, v2 or hybrid
 * @param samplingInterval time between snapshots
 * @param privileges       root or read-only, with the reason
 * @param systemdIsInit    PID 1 is systemd: it moves tasks back out of its undelegated units
 */
public record HostFacts(String hostname, String kernel, CgroupLayout layout, Duration samplingInterval,
                        Privileges privileges, boolean systemdIsInit) {
}
