package io.corral.model.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user a root launcher runs the command as (the privileged helper launching for the
 * user who asked): the groups and namespaces are made as root, then the command itself is
 * started through {@code setpriv --reuid --regid --init-groups} (which drops every
 * capability with the uid change) and {@code env}, so its working directory and
 * environment take effect only after the drop: nothing the user chose runs as root.
 */
public record RunAs(int uid, int gid) {
    public RunAs {
        if (uid <= 0 || gid < 0) {
            throw new IllegalArgumentException("run-as uid " + uid + " / gid " + gid + " is not a normal user");
        }
    }

    /** The spec with its command wrapped; its working directory and environment move into the wrapper. */
    LaunchSpec wrap(LaunchSpec spec) {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups",
                "env"));
        spec.workingDir().ifPresent(d -> argv.addAll(List.of("-C", d.toString())));
        argv.add("--");
        new TreeMap<>(spec.environment()).forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(spec.command());
        return new LaunchSpec(argv, java.util.Optional.empty(), Map.of(), spec.namespaces(), spec.userMapping(),
                spec.groups());
    }
}
