package io.corral.model.command;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Xattrs;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The delegation mark read off real cgroup2 groups: a corral-test-*.service group with
 * and without {@code trusted.delegate} / {@code user.delegate} (set here the way systemd
 * sets them). This machine's PID 1 is not systemd, so "PID 1 is systemd" is injected; the
 * attributes and the move are real.
 */
@ExtendWith(LiveCgroups.class)
class LiveSystemdUnitsTest {
    interface LibC extends Library {
        int setxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;
    }

    private static void setxattr(Path dir, String name, String value) {
        LiveCgroups.requireTestPath(dir);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        Native.load("c", LibC.class).setxattr(dir.toString(), name, v, v.length, 0);
    }

    private static Path unifiedMount(CgroupFs fs) throws Exception {
        LiveCgroups.assumeLiveKernel();
        Optional<Hierarchy> h = new HierarchyDiscovery(fs).discover().stream().filter(Hierarchy::isV2).findFirst();
        if (h.isEmpty()) {
            System.out.println("SKIPPED live systemd-unit test: no cgroup2 hierarchy mounted");
        }
        assumeTrue(h.isPresent());
        return Path.of(h.get().mount());
    }

    @Test
    void aMoveIntoAUnitGroupIsRefusedUntilItCarriesTheDelegationMark(LiveCgroups live) throws Exception {
        CgroupFs fs = CgroupFs.live();
        Path mount = unifiedMount(fs);
        String pid1 = Files.readString(Path.of("/proc/1/comm")).strip();
        System.out.println("NOTE live systemd-unit test: PID 1 here is \"" + pid1
                + "\"; \"PID 1 is systemd\" is injected, the xattrs and the move are real");
        Hierarchy unified = new HierarchyDiscovery(fs).discover().stream().filter(Hierarchy::isV2).findFirst().get();
        Path from = live.mkdir(mount, LiveCgroups.newName());
        String unitName = LiveCgroups.newName() + ".service";
        Path unit = live.mkdir(mount, unitName);
        long pid = live.start("sleep", "300").pid();
        live.moveInto(from, pid);
        CommandEngine engine = new CommandEngine(fs, new ProcTasks(ProcFs.live()), Optional.empty(),
                CommandEngine.Mode.CALLER_THREAD, Duration.ofSeconds(5), new SystemdUnits(() -> true, Xattrs::read));
        GroupRef target = new GroupRef(unified, GroupPath.ofKernel("/" + unitName));
        Command move = new Command.MoveTasks(target, List.of((int) pid), false);

        CommandResult refused = engine.run(move);
        assertInstanceOf(CommandResult.Rejected.class, refused, refused::toString);
        assertTrue(Files.readString(from.resolve("cgroup.procs")).contains(Long.toString(pid)), "not moved");

        setxattr(unit, "user.delegate", "1");
        assertEquals(Optional.of("1"), Xattrs.read(unit, "user.delegate"));
        assertEquals(Optional.empty(), Xattrs.read(unit, "trusted.delegate"));
        CommandResult moved = engine.run(move);
        assertInstanceOf(CommandResult.Applied.class, moved, moved::toString);
        assertTrue(Files.readString(unit.resolve("cgroup.procs")).contains(Long.toString(pid)), "moved");
    }

    @Test
    void trustedDelegateIsReadAsRootAndAnAbsentAttributeIsEmpty(LiveCgroups live) throws Exception {
        CgroupFs fs = CgroupFs.live();
        Path mount = unifiedMount(fs);
        Path unit = live.mkdir(mount, LiveCgroups.newName() + ".scope");
        assertEquals(Optional.empty(), Xattrs.read(unit, "trusted.delegate"));
        setxattr(unit, "trusted.delegate", "1");
        assertEquals(Optional.of("1"), Xattrs.read(unit, "trusted.delegate"));
        assertEquals(Optional.empty(), Xattrs.read(unit.resolve("no-such-group"), "trusted.delegate"));
    }
}
