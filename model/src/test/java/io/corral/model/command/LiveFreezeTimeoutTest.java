package io.corral.model.command;

import io.corral.model.cgroup.Freezer;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import io.corral.model.testing.UnansweredFuse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The freeze timeout on the live kernel: a cgroup2 corral-test group holding our own
 * {@code sleep} and our own process stuck in a FUSE request ({@link UnansweredFuse}) never
 * reaches {@code frozen 1}; the freeze times out, is thawed back, and says which process
 * kept it from completing.
 */
@ExtendWith(LiveCgroups.class)
class LiveFreezeTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path tmp;
    private final CgroupFs fs = CgroupFs.live();
    private Hierarchy unified;

    @BeforeEach
    void live() throws Exception {
        LiveCgroups.assumeLiveKernel();
        UnansweredFuse.assumeAvailable();
        Optional<Hierarchy> v2 = new HierarchyDiscovery(fs).discover().stream().filter(Hierarchy::isV2).findFirst();
        if (v2.isEmpty()) {
            System.out.println("SKIPPED live freeze-timeout test: no cgroup2 hierarchy mounted");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(v2.isPresent(), "no cgroup2 hierarchy");
        unified = v2.get();
    }

    /** A v2 test group with a sleep and the stuck child in it. */
    private Path stuckGroup(LiveCgroups lc, String name, UnansweredFuse.Stuck stuck) throws Exception {
        Path dir = lc.mkdir(Path.of(unified.mount()), name);
        Process sleep = lc.start("sleep", "300");
        lc.moveInto(dir, sleep.pid());
        lc.moveInto(dir, stuck.child());
        return dir;
    }

    @Test
    void aFreezeBlockedByATaskInTheKernelTimesOutAndIsThawedBack(LiveCgroups lc) throws Exception {
        UnansweredFuse.Stuck stuck = UnansweredFuse.start(lc, Files.createDirectory(tmp.resolve("mnt")));
        Path dir = stuckGroup(lc, LiveCgroups.newName(), stuck);

        long t0 = System.nanoTime();
        Freezer.Result r = new Freezer(fs, TIMEOUT).freeze(dir);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        Freezer.Result.TimedOut t = assertInstanceOf(Freezer.Result.TimedOut.class, r, r.toString());
        assertEquals("cgroup.freeze 1, frozen 0", t.holds(), "asked, never done");
        assertTrue(t.thawedBack());
        assertEquals("0", Files.readString(dir.resolve("cgroup.freeze")).strip(), "thawed back");
        assertTrue(Files.readString(dir.resolve("cgroup.events")).contains("frozen 0"));
        assertTrue(ms >= TIMEOUT.toMillis() && ms < 5_000, "waited the timeout, not forever: " + ms + " ms");
        assertEquals('D', UnansweredFuse.state(stuck.child()), "the child still sleeps in the kernel");
    }

    @Test
    void theEngineSaysWhichProcessKeptTheFreezeFromCompleting(LiveCgroups lc) throws Exception {
        UnansweredFuse.Stuck stuck = UnansweredFuse.start(lc, Files.createDirectory(tmp.resolve("mnt")));
        String name = LiveCgroups.newName();
        Path dir = stuckGroup(lc, name, stuck);
        CommandEngine engine = new CommandEngine(fs, new ProcTasks(ProcFs.live()), Optional.empty(),
                CommandEngine.Mode.CALLER_THREAD, TIMEOUT);

        CommandResult r = engine.run(new Command.Freeze(new GroupRef(unified, GroupPath.ofKernel("/" + name))));

        Failure f = assertInstanceOf(CommandResult.Rejected.class, r, r.toString()).failure();
        assertEquals(Errno.EAGAIN, f.errno());
        assertEquals("unified:/" + name + " did not freeze within 300 ms (cgroup.freeze 1, frozen 0;"
                + " process(es) in uninterruptible sleep (D): " + stuck.child() + "); it was thawed again", f.message());
        assertEquals("0", Files.readString(dir.resolve("cgroup.freeze")).strip());
        assertEquals(java.util.List.of(), r.inverse(), "nothing to undo: the group is as it was");
    }
}
