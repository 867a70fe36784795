package io.corral.model.command;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.limit.Setting;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.SnapshotReader;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6's faults on the live kernel, each on corral-test groups with processes this test
 * started: the group removed while a command runs, a process exiting mid-batch, two
 * engines (two consoles) writing one group at once, and v1 kill of a frozen group.
 */
@ExtendWith(LiveCgroups.class)
class LiveFaultTest {
    private static final Path ROOT = LiveCgroups.CGROUP_ROOT;
    private final CgroupFs fs = CgroupFs.live();
    private List<Hierarchy> hierarchies;

    @BeforeEach
    void live() throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(ROOT.resolve("pids"));
        hierarchies = new HierarchyDiscovery(fs).discover();
    }

    private CommandEngine engine(CgroupFs onFs) {
        return new CommandEngine(onFs, new ProcTasks(ProcFs.live()), Optional.empty(), CommandEngine.Mode.CALLER_THREAD);
    }

    private GroupRef ref(String hierarchyId, String path) {
        Hierarchy h = hierarchies.stream().filter(x -> x.id().equals(hierarchyId)).findFirst().orElseThrow();
        return new GroupRef(h, GroupPath.ofKernel(path));
    }

    @Test
    void aGroupRemovedWhileASetRunsIsReportedAndTheModelRereadsWithoutIt(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        Path dir = lc.mkdir(ROOT.resolve("pids"), name);
        CgroupFs racing = CgroupFs.live();
        // Another console removes the (empty) group between our checks and our write.
        racing.setWriteObserver((file, value) -> {
            try {
                Files.delete(dir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        CommandResult r = engine(racing).run(new Command.SetLimits(ref("pids", "/" + name),
                List.of(Setting.parse("pids.max=64"))));
        Failure f = assertInstanceOf(CommandResult.Rejected.class, r).failure();
        assertEquals(Errno.ENOENT, f.errno());
        assertTrue(f.message().contains("does not exist (any more: removed meanwhile") && f.message().contains(name), f.message());
        HostSnapshot s = new SnapshotReader(fs, ProcFs.live()).read(Optional.of(GroupSpec.parse("pids:/")), false);
        assertTrue(s.group("pids", GroupPath.ofKernel("/" + name)).isEmpty());
    }

    @Test
    void aGroupRemovedWhileAMoveRunsLeavesTheProcessWhereItWas(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        Path dir = lc.mkdir(ROOT.resolve("pids"), name);
        long pid = lc.start("sleep", "300").pid();
        String before = Files.readString(Path.of("/proc/" + pid + "/cgroup"));
        CgroupFs racing = CgroupFs.live();
        racing.setWriteObserver((file, value) -> {
            try {
                Files.delete(dir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        CommandResult r = engine(racing).run(new Command.MoveTasks(ref("pids", "/" + name), List.of((int) pid), false));
        Failure f = assertInstanceOf(CommandResult.Rejected.class, r).failure();
        assertTrue(f.message().contains("does not exist (any more: removed meanwhile, or never created); nothing was moved"), f.message());
        assertEquals(before, Files.readString(Path.of("/proc/" + pid + "/cgroup")), "nothing unrelated changed");
    }

    @Test
    void aProcessExitingMidBatchIsReportedAndTheOthersStillMove(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        lc.mkdir(ROOT.resolve("pids"), name);
        Process a = lc.start("sleep", "300");
        Process b = lc.start("sleep", "300");
        Process c = lc.start("sleep", "300");
        CgroupFs racing = CgroupFs.live();
        racing.setWriteObserver((file, value) -> {
            if (value.equals(Long.toString(b.pid()))) {
                b.destroyForcibly();
                try {
                    b.waitFor(5, TimeUnit.SECONDS); // reaped: the pid is gone, the write answers ESRCH
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CommandResult r = engine(racing).run(new Command.MoveTasks(ref("pids", "/" + name),
                List.of((int) a.pid(), (int) b.pid(), (int) c.pid()), false));
        CommandResult.Partial p = assertInstanceOf(CommandResult.Partial.class, r, r.toString());
        assertEquals(2, p.steps().size(), p.toString());
        assertEquals(1, p.failures().size());
        assertEquals(Errno.ESRCH, p.failures().get(0).errno());
        assertTrue(p.failures().get(0).message().contains(b.pid() + "\" has exited"), p.failures().get(0).message());
        Set<Long> in = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("pids").resolve(name).resolve("cgroup.procs"))) {
            in.add(Long.parseLong(line.trim()));
        }
        assertEquals(new TreeSet<>(List.of(a.pid(), c.pid())), in);
    }

    @Test
    void twoEnginesWritingOneGroupEachGetTheKernelsAnswer(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        lc.mkdir(ROOT.resolve("pids"), name + "/a");
        lc.mkdir(ROOT.resolve("pids"), name + "/b");
        Process p = lc.start("sleep", "300");
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Set<String> written = Collections.synchronizedSet(new TreeSet<>());
        java.util.concurrent.atomic.AtomicInteger movedAway = new java.util.concurrent.atomic.AtomicInteger();
        Runnable console = () -> {
            // Each console has its own accessor and engine, as two processes would.
            CommandEngine e = engine(CgroupFs.live());
            String self = Thread.currentThread().getName();
            for (int i = 0; i < 100; i++) {
                try {
                    String v = Integer.toString((self.endsWith("1") ? 1000 : 2000) + i);
                    written.add(v);
                    CommandResult r = e.run(new Command.SetLimits(ref("pids", "/" + name),
                            List.of(Setting.parse("pids.max=" + v))));
                    if (!(r instanceof CommandResult.Applied)) {
                        problems.add(r.toString());
                    }
                    CommandResult m = e.run(new Command.MoveTasks(ref("pids", "/" + name + (i % 2 == 0 ? "/a" : "/b")),
                            List.of((int) p.pid()), false));
                    // The other console may move the process on between our write and our re-read:
                    // then the answer must say so, not blame the process.
                    if (m instanceof CommandResult.Rejected j) {
                        if (j.failure().message().contains("something else moved it meanwhile")) {
                            movedAway.incrementAndGet();
                        } else {
                            problems.add(m.toString());
                        }
                    } else if (!(m instanceof CommandResult.Applied)) {
                        problems.add(m.toString());
                    }
                } catch (Exception ex) {
                    problems.add(ex.toString());
                }
            }
        };
        Thread t1 = new Thread(console, "console-1");
        Thread t2 = new Thread(console, "console-2");
        t1.start();
        t2.start();
        t1.join(60_000);
        t2.join(60_000);
        assertEquals(List.of(), problems);
        String now = Files.readString(ROOT.resolve("pids").resolve(name).resolve("pids.max")).trim();
        assertTrue(written.contains(now), "the kernel holds one of the written values: " + now);
        String where = Files.readString(Path.of("/proc/" + p.pid() + "/cgroup"));
        assertTrue(where.contains("pids:/" + name + "/a") || where.contains("pids:/" + name + "/b"), where);
        System.out.println("two consoles: " + movedAway.get() + " of 200 moves were overtaken by the other console");
    }

    @Test
    void v1KillOfAFrozenGroupSignalsThenThaws(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("freezer"));
        String name = LiveCgroups.newName();
        Path dir = lc.mkdir(ROOT.resolve("freezer"), name);
        Process a = lc.start("sleep", "300");
        Process b = lc.start("sleep", "300");
        lc.moveInto(dir, a.pid());
        lc.moveInto(dir, b.pid());
        CommandEngine e = engine(fs);
        GroupRef g = ref("freezer", "/" + name);
        assertInstanceOf(CommandResult.Applied.class, e.run(new Command.Freeze(g)));
        assertEquals("FROZEN", Files.readString(dir.resolve("freezer.state")).trim());
        CommandResult r = e.run(new Command.KillAll(g));
        assertInstanceOf(CommandResult.Applied.class, r, r.toString());
        assertTrue(a.waitFor(5, TimeUnit.SECONDS) && b.waitFor(5, TimeUnit.SECONDS), "both died");
        assertEquals("", Files.readString(dir.resolve("cgroup.procs")).trim());
        assertEquals("THAWED", Files.readString(dir.resolve("freezer.state")).trim());
    }
}
