package io.corral.model.command;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.Xattrs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Groups a running systemd owns. When PID 1 is systemd, every {@code *.slice},
 * {@code *.scope} and {@code *.service} group is a unit's, and systemd moves processes
 * back into the unit it started them in (and re-applies its own limits) unless the unit
 * delegates its subtree ({@code Delegate=yes}). A process moved into an undelegated unit by
 * hand is a process systemd does not know there: it may be moved again, or killed with the
 * unit. Delegation is read off the group itself: systemd sets the extended attribute
 * {@code trusted.delegate=1} on a delegated unit's group (v240+), and also
 * {@code user.delegate=1} so that unprivileged code can see it (v251+; Debian 12 has 252).
 * Groups below a delegated unit belong to whoever it delegated them to.
 */
public final class SystemdUnits {
    /** Reads one extended attribute of a group directory; empty when absent or unreadable. */
    @FunctionalInterface
    public interface XattrReader {
        Optional<String> read(Path dir, String name);
    }

    static final String TRUSTED_DELEGATE = "trusted.delegate";
    static final String USER_DELEGATE = "user.delegate";

    private final BooleanSupplier systemdIsInit;
    private final XattrReader xattrs;

    /**
     * @param systemdIsInit whether PID 1 is systemd (asked once per move, cheap)
     * @param xattrs        the reader of {@code trusted.delegate} / {@code user.delegate}
     */
    public SystemdUnits(BooleanSupplier systemdIsInit, XattrReader xattrs) {
        this.systemdIsInit = systemdIsInit;
        this.xattrs = xattrs;
    }

    /** The host of {@code fs}: PID 1's {@code comm} read once, attributes with getxattr(2). */
    public static SystemdUnits onHost(CgroupFs fs) {
        Path comm = fs.onHost("/proc/1/comm");
        boolean[] known = new boolean[2];
        return new SystemdUnits(() -> {
            synchronized (known) {
                if (!known[0]) {
                    known[1] = readComm(comm).equals("systemd");
                    known[0] = true;
                }
                return known[1];
            }
        }, Xattrs::read);
    }

    private static String readComm(Path comm) {
        try {
            return Files.readString(comm, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The name systemd gives its units' groups. */
    public static boolean isUnitName(String name) {
        return name.endsWith(".slice") || name.endsWith(".scope") || name.endsWith(".service");
    }

    /** True when the group or one of its ancestors carries systemd's delegation mark. */
    public boolean delegated(GroupRef g, CgroupFs fs) {
        for (GroupPath p = g.path(); !p.isRoot(); p = p.parent()) {
            Path dir = new GroupRef(g.hierarchy(), p).dir(fs);
            if (isOne(xattrs.read(dir, TRUSTED_DELEGATE)) || isOne(xattrs.read(dir, USER_DELEGATE))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOne(Optional<String> v) {
        // systemd writes "1" without a newline; accept the usual spellings of true.
        return v.map(s -> s.strip().equals("1") || s.strip().equalsIgnoreCase("true")).orElse(false);
    }

    /**
     * The refusal for moving tasks into {@code target}: it is a unit's group, systemd is
     * PID 1, and neither the unit nor an ancestor is delegated. Empty otherwise.
     */
    Optional<Failure> refuseMove(GroupRef target, Path file, CgroupFs fs) {
        if (target.path().isRoot() || !isUnitName(target.path().name()) || !systemdIsInit.getAsBoolean()) {
            return Optional.empty();
        }
        if (delegated(target, fs)) {
            return Optional.empty();
        }
        return Optional.of(Failure.rule(Errno.EBUSY, file, null, "group " + target + " is the systemd unit "
                + target.path().name() + ", which does not delegate its subtree (no Delegate=yes: no "
                + TRUSTED_DELEGATE + " or " + USER_DELEGATE + " on the group): systemd, running as PID 1,"
                + " would move the tasks back or kill them with the unit. Move them into a group of your own,"
                + " or into a delegated unit"));
    }
}
