package io.corral.model.checkpoint;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;

import java.nio.file.Path;
import java.util.Optional;

/** Reads and clears the frozen state of a group: v1 {@code freezer.state} or cgroup2 {@code cgroup.freeze}. */
public final class Freezer {
    private final CgroupFs fs;

    public Freezer(CgroupFs fs) {
        this.fs = fs;
    }

    /** True when the group is frozen or freezing; empty when the group is gone. */
    public Optional<Boolean> frozen(Path dir) throws KernelException {
        Optional<String> v1 = fs.readIfPresent(dir.resolve("freezer.state"));
        if (v1.isPresent()) {
            return Optional.of(!v1.get().strip().equals("THAWED"));
        }
        Optional<String> v2 = fs.readIfPresent(dir.resolve("cgroup.freeze"));
        return v2.map(s -> s.strip().equals("1"));
    }

    /** Thaws the group if it is frozen; returns whether a thaw was written. */
    public boolean thaw(Path dir) throws KernelException {
        if (!frozen(dir).orElse(false)) {
            return false;
        }
        if (fs.exists(dir.resolve("freezer.state"))) {
            fs.write(dir.resolve("freezer.state"), "THAWED");
        } else {
            fs.write(dir.resolve("cgroup.freeze"), "0");
        }
        return true;
    }
}
