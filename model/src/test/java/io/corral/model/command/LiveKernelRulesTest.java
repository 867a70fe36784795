package io.corral.model.command;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.kernel.KernelException;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's real answers to the writes the rules exist for (each on a corral-test
 * group with a process this test started), and the engine refusing the same case before
 * writing with the same errno.
 */
@ExtendWith(LiveCgroups.class)
class LiveKernelRulesTest {
    private static final Path ROOT = LiveCgroups.CGROUP_ROOT;
    private final CgroupFs fs = CgroupFs.live();
    private List<Hierarchy> hierarchies;
    private CommandEngine engine;

    @BeforeEach
    void live() throws Exception {
        LiveCgroups.assumeLiveKernel();
        hierarchies = new HierarchyDiscovery(fs).discover();
        engine = new CommandEngine(fs, new ProcTasks(ProcFs.live()), Optional.empty(), CommandEngine.Mode.CALLER_THREAD);
    }

    private Hierarchy h(String id) {
        return hierarchies.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    private static long sleeper(LiveCgroups lc) throws Exception {
        return lc.start("sleep", "300").pid();
    }

    private static Errno errnoOf(ThrowingWrite w) {
        return assertThrows(KernelException.class, w::run).errno();
    }

    interface ThrowingWrite {
        void run() throws Exception;
    }

    @Test
    void theKernelReadsHexPidsAndRefusesTwoPidsInOneWrite(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("pids"));
        Path g = lc.mkdir(ROOT.resolve("pids"), LiveCgroups.newName());
        long pid = sleeper(lc);
        assertEquals(Errno.EINVAL, errnoOf(() -> fs.write(g.resolve("cgroup.procs"), pid + " " + pid)));
        // Verified: "0x..." is accepted as hexadecimal. This is why user text never reaches the kernel.
        fs.write(g.resolve("cgroup.procs"), "0x" + Long.toHexString(pid));
        assertEquals(List.of(Long.toString(pid)), Files.readAllLines(g.resolve("cgroup.procs")));
    }

    @Test
    void aV1CpusetGroupWithoutCpusAnswersEnospcAndTheEngineRefusesFirst(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("cpuset"));
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("cpuset"), name);
        long pid = sleeper(lc);
        assertEquals(Errno.ENOSPC, errnoOf(() -> fs.write(g.resolve("cgroup.procs"), Long.toString(pid))));
        CommandResult r = engine.run(new Command.MoveTasks(new GroupRef(h("cpuset"), GroupPath.ofKernel("/" + name)),
                List.of((int) pid), false));
        assertEquals(Errno.ENOSPC, assertInstanceOf(CommandResult.Rejected.class, r).failure().errno());
        assertEquals("", Files.readString(g.resolve("cgroup.procs")));
    }

    @Test
    void theEngineFillsANewCpusetGroupSoTasksCanJoin(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("cpuset"));
        String name = LiveCgroups.newName();
        GroupRef g = new GroupRef(h("cpuset"), GroupPath.ofKernel("/" + name));
        lc.track(g.dir(fs));
        assertInstanceOf(CommandResult.Applied.class, engine.run(new Command.CreateGroup(g)));
        assertEquals(Files.readString(ROOT.resolve("cpuset/cpuset.cpus")), Files.readString(g.dir(fs).resolve("cpuset.cpus")));
        long pid = sleeper(lc);
        CommandResult r = engine.run(new Command.MoveTasks(g, List.of((int) pid), false));
        assertInstanceOf(CommandResult.Applied.class, r, r::toString);
    }

    @Test
    void cgroup2RefusesRenameAndTheEngineExplainsWhy(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("unified"));
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("unified"), name);
        Path to = g.resolveSibling(name + "-renamed");
        assertEquals(Errno.EPERM, errnoOf(() -> fs.rename(g, to)));
        CommandResult r = engine.run(new Command.RenameGroup(new GroupRef(h("unified"), GroupPath.ofKernel("/" + name)),
                name + "-renamed"));
        assertTrue(assertInstanceOf(CommandResult.Rejected.class, r).failure().message().contains("cannot rename"));
        assertTrue(Files.isDirectory(g));
    }

    @Test
    void v1RenameWorksAndIsUndone(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("pids"));
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("pids"), name);
        lc.track(g.resolveSibling(name + "-b"));
        CommandResult r = engine.run(new Command.RenameGroup(new GroupRef(h("pids"), GroupPath.ofKernel("/" + name)),
                name + "-b"));
        assertInstanceOf(CommandResult.Applied.class, r, r::toString);
        assertTrue(Files.isDirectory(g.resolveSibling(name + "-b")));
        engine.undo(r).orElseThrow();
        assertTrue(Files.isDirectory(g));
    }

    @Test
    void removingAPopulatedGroupAnswersEbusyAndTheEngineRefusesFirst(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("pids"));
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("pids"), name);
        long pid = sleeper(lc);
        lc.moveInto(g, pid);
        assertEquals(Errno.EBUSY, errnoOf(() -> fs.rmdir(g)));
        CommandResult r = engine.run(new Command.RemoveGroup(new GroupRef(h("pids"), GroupPath.ofKernel("/" + name))));
        assertTrue(assertInstanceOf(CommandResult.Rejected.class, r).failure().message().contains(Long.toString(pid)));
    }

    @Test
    void controllersMustBeEnabledTopDown(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("unified"));
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("unified"), name);
        String available = Files.readString(g.resolve("cgroup.controllers")).trim();
        String missing = available.contains("hugetlb") ? "nosuchctl" : "hugetlb";
        assertEquals(Errno.ENOENT, errnoOf(() -> fs.write(g.resolve("cgroup.subtree_control"), "+" + missing)));
        CommandResult r = engine.run(new Command.EnableControllers(
                new GroupRef(h("unified"), GroupPath.ofKernel("/" + name)), Set.of(missing)));
        CommandResult.Rejected j = assertInstanceOf(CommandResult.Rejected.class, r);
        assertEquals(Errno.ENOENT, j.failure().errno());
        assertEquals("", Files.readString(g.resolve("cgroup.subtree_control")).trim());
    }

    @Test
    void threadsCannotMoveToAnotherDomainGroup(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("unified"));
        String a = LiveCgroups.newName();
        String b = LiveCgroups.newName();
        Path ga = lc.mkdir(ROOT.resolve("unified"), a);
        Path gb = lc.mkdir(ROOT.resolve("unified"), b);
        long pid = sleeper(lc);
        lc.moveInto(ga, pid);
        assertEquals(Errno.EOPNOTSUPP, errnoOf(() -> fs.write(gb.resolve("cgroup.threads"), Long.toString(pid))));
        CommandResult r = engine.run(new Command.MoveTasks(new GroupRef(h("unified"), GroupPath.ofKernel("/" + b)),
                List.of((int) pid), true));
        assertEquals(Errno.EOPNOTSUPP, assertInstanceOf(CommandResult.Rejected.class, r).failure().errno());
    }

    @Test
    void aV1MemoryLimitBelowUsageAnswersEbusy(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("memory"));
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            System.out.println("SKIPPED memory-below-usage: /usr/bin/python3 not installed (used to allocate)");
            return;
        }
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("memory"), name);
        // The process joins the group first, then allocates, so the memory is charged to it (v1 does
        // not move charges). No swap here: 50 MiB of anonymous memory cannot be reclaimed.
        lc.start("sh", "-c", "echo $$ > " + g.resolve("cgroup.procs")
                + " && exec python3 -c 'import time; a=bytearray(50<<20); time.sleep(300)'");
        for (int i = 0; i < 200 && Long.parseLong(Files.readString(g.resolve("memory.usage_in_bytes")).trim()) < (40 << 20); i++) {
            Thread.sleep(20);
        }
        KernelException e = assertThrows(KernelException.class,
                () -> fs.write(g.resolve("memory.limit_in_bytes"), Long.toString(1 << 20)));
        assertEquals(Errno.EBUSY, e.errno());
        assertTrue(io.corral.model.kernel.KernelErrors.explain(e).contains("below what"));
    }

    @Test
    void aForkingGroupIsEmptiedInPassesOrItsStragglersAreReported(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("pids"));
        String a = LiveCgroups.newName();
        String b = LiveCgroups.newName();
        Path ga = lc.mkdir(ROOT.resolve("pids"), a);
        lc.mkdir(ROOT.resolve("pids"), b);
        Process forker = lc.start("sh", "-c", "echo $$ > " + ga.resolve("cgroup.procs")
                + "; while :; do sleep 5 & sleep 0.002; done");
        for (int i = 0; i < 100 && Files.readAllLines(ga.resolve("cgroup.procs")).size() < 20; i++) {
            Thread.sleep(10);
        }
        CommandResult r = engine.run(new Command.MoveAllTasks(new GroupRef(h("pids"), GroupPath.ofKernel("/" + a)),
                new GroupRef(h("pids"), GroupPath.ofKernel("/" + b))));
        // The shell itself moved, so its new children are born in b: a must end up empty.
        assertInstanceOf(CommandResult.Applied.class, r, r::toString);
        assertEquals(List.of(), Files.readAllLines(ga.resolve("cgroup.procs")));
        assertTrue(Files.readAllLines(ROOT.resolve("pids").resolve(b).resolve("cgroup.procs"))
                .contains(Long.toString(forker.pid())));
        // Kill everything it forked (v1: SIGKILL each, then thaw).
        CommandResult k = engine.run(new Command.KillAll(new GroupRef(h("pids"), GroupPath.ofKernel("/" + b))));
        assertTrue(k.changedSomething(), k::toString);
    }

    @Test
    void freezeAndThawOnV1AndV2WaitForTheKernel(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("freezer"));
        LiveCgroups.assumeHierarchy(ROOT.resolve("unified"));
        for (String id : new String[] {"freezer", "unified"}) {
            String name = LiveCgroups.newName();
            Path g = lc.mkdir(fs.onHost(h(id).mount()), name);
            lc.moveInto(g, sleeper(lc));
            GroupRef ref = new GroupRef(h(id), GroupPath.ofKernel("/" + name));
            CommandResult r = engine.run(new Command.Freeze(ref));
            assertInstanceOf(CommandResult.Applied.class, r, r::toString);
            if (id.equals("freezer")) {
                assertEquals("FROZEN", Files.readString(g.resolve("freezer.state")).trim());
            } else {
                assertTrue(Files.readString(g.resolve("cgroup.events")).contains("frozen 1"));
            }
            engine.undo(r).orElseThrow();
            if (id.equals("freezer")) {
                assertEquals("THAWED", Files.readString(g.resolve("freezer.state")).trim());
            } else {
                assertTrue(Files.readString(g.resolve("cgroup.events")).contains("frozen 0"));
            }
        }
    }

    @Test
    void cgroupKillEmptiesAV2Group(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("unified"));
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("unified"), name);
        Process p = lc.start("sleep", "300");
        lc.moveInto(g, p.pid());
        CommandResult r = engine.run(new Command.KillAll(new GroupRef(h("unified"), GroupPath.ofKernel("/" + name))));
        assertInstanceOf(CommandResult.Applied.class, r, r::toString);
        assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("", Files.readString(g.resolve("cgroup.procs")));
    }

    @Test
    void aZombieIsAcceptedByTheKernelButStaysSoTheEngineRefusesIt(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("pids"));
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("pids"), name);
        // The child exits and its parent (exec'd into sleep) never reaps it: a zombie we started.
        Process parent = lc.start("sh", "-c", "sleep 0.05 & exec sleep 300");
        ProcFs proc = ProcFs.live();
        int zombie = -1;
        for (int i = 0; i < 200 && zombie < 0; i++) {
            Thread.sleep(10);
            zombie = parent.children().mapToInt(c -> (int) c.pid()).filter(pid -> {
                try {
                    return proc.stat(pid).map(st -> st.state().letter() == 'Z').orElse(false);
                } catch (Exception e) {
                    return false;
                }
            }).findFirst().orElse(-1);
        }
        assertTrue(zombie > 0, "no zombie appeared");
        String before = proc.process(zombie).orElseThrow().cgroup("pids").orElseThrow();
        fs.write(g.resolve("cgroup.procs"), Integer.toString(zombie));
        assertEquals("", Files.readString(g.resolve("cgroup.procs")), "the kernel accepted the write but left it");
        assertEquals(before, proc.process(zombie).orElseThrow().cgroup("pids").orElseThrow());
        CommandResult r = engine.run(new Command.MoveTasks(new GroupRef(h("pids"), GroupPath.ofKernel("/" + name)),
                List.of(zombie), false));
        assertTrue(assertInstanceOf(CommandResult.Rejected.class, r).failure().message().contains("zombie"));
    }

    @Test
    void maxDepthReachedAnswersEagainExplained(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("unified"));
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(ROOT.resolve("unified"), name);
        fs.write(g.resolve("cgroup.max.depth"), "0");
        lc.track(g.resolve("child"));
        CommandResult r = engine.run(new Command.CreateGroup(
                new GroupRef(h("unified"), GroupPath.ofKernel("/" + name + "/child"))));
        Failure f = assertInstanceOf(CommandResult.Rejected.class, r).failure();
        assertEquals(Errno.EAGAIN, f.errno());
        assertTrue(f.written());
        assertTrue(f.message().contains("cgroup.max.depth"), f.message());
    }

    @Test
    void aValueOverOnePageAnswersE2big(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeHierarchy(ROOT.resolve("pids"));
        Path g = lc.mkdir(ROOT.resolve("pids"), LiveCgroups.newName());
        assertEquals(Errno.E2BIG, errnoOf(() -> fs.write(g.resolve("pids.max"), "1".repeat(5000))));
        assertEquals("max", Files.readString(g.resolve("pids.max")).trim());
    }

    @Test
    void aHierarchyWhoseMountIsNotCgroupfsIsRefused(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // A "hierarchy" that claims to be mounted on an ordinary directory (e.g. a forged mountinfo).
        Path fake = tmp.resolve("fake-cgroup");
        Files.createDirectories(fake);
        Hierarchy forged = new Hierarchy("pids", io.corral.model.cgroup.CgroupVersion.V1, List.of("pids"),
                fake.toString(), "/");
        CommandResult r = engine.run(new Command.CreateGroup(new GroupRef(forged, GroupPath.ofKernel("/corral-test-x"))));
        Failure f = assertInstanceOf(CommandResult.Rejected.class, r).failure();
        assertTrue(f.message().contains("file system, not cgroup"), f.message());
        assertEquals(List.of(), Files.list(fake).toList());
    }
}
