package io.corral.model.sample;

import io.corral.model.cgroup.Group;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The tracking reader on the real kernel: churn, outside writes, membership, recreation. */
@ExtendWith(LiveCgroups.class)
class TrackedTreesLiveTest {
    private static final Path PIDS = LiveCgroups.CGROUP_ROOT.resolve("pids");

    private static Group await(SnapshotReader r, GroupSpec scope, GroupPath p, Predicate<Optional<Group>> ok)
            throws Exception {
        Optional<Group> g = Optional.empty();
        for (int i = 0; i < 40; i++) {
            HostSnapshot s = r.read(Optional.of(scope), false);
            g = s.group("pids", p);
            if (ok.test(g)) {
                return g.orElse(null);
            }
            Thread.sleep(50);
        }
        fail("never became as expected: " + g);
        return null;
    }

    @Test
    void followsTheKernelThroughChurnOutsideWritesAndMoves(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(PIDS);
        String name = LiveCgroups.newName();
        Path top = live.mkdir(PIDS, name);
        GroupSpec scope = GroupSpec.parse("pids:/" + name);
        CgroupFs fs = CgroupFs.live();
        ProcFs procfs = ProcFs.live();
        try (SnapshotReader r = new SnapshotReader(fs, procfs,
                new TrackedTrees(fs, procfs, new TrackedTrees.Options(256, 4096, 1_000_000, TrackedTrees.Membership.PROC_SCAN)),
                java.time.Clock.systemUTC());
             SnapshotReader plain = new SnapshotReader(fs, procfs)) {
            r.read(Optional.of(scope), false);
            GroupPath child = GroupPath.ofKernel("/" + name + "/a");
            Path a = live.mkdir(PIDS, name + "/a");
            long inode = await(r, scope, child, Optional::isPresent).inode();

            Files.writeString(a.resolve("pids.max"), "5"); // not through Corral: inotify IN_MODIFY
            await(r, scope, child, g -> g.isPresent() && g.get().limits().toString().contains("raw=5"));

            Process p = live.start("sleep", "60");
            live.moveInto(a, p.pid());
            Group withTask = await(r, scope, child, g -> g.isPresent() && g.get().processes().orElse(List.of()).size() == 1);
            assertEquals(List.of((int) p.pid()), withTask.processes().orElseThrow());
            assertEquals(1L, withTask.usage().pidsCurrent().getAsLong(), "pids.current through a kept fd");
            p.destroyForcibly().waitFor();
            await(r, scope, child, g -> g.isPresent() && g.get().processes().orElse(List.of()).isEmpty());

            Files.delete(a);
            await(r, scope, child, Optional::isEmpty);
            live.mkdir(PIDS, name + "/a");
            Group again = await(r, scope, child, Optional::isPresent);
            assertNotEquals(inode, again.inode(), "recreated: a new group");

            assertEquals(plain.read(Optional.of(scope), false).hierarchies(), r.read(Optional.of(scope), false).hierarchies());
            assertTrue(Files.isDirectory(top));
        }
    }
}
