package io.corral.model.command;

import io.corral.model.kernel.Errno;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kernel rule the engine checks before writing, on fixture trees: each refusal
 * names the rule, carries the errno the kernel would give, and no write happened.
 */
class CommandEngineRulesTest {
    @TempDir
    Path dir;

    private static CommandResult.Rejected rejected(CommandResult r) {
        return assertInstanceOf(CommandResult.Rejected.class, r, () -> "expected a rejection, got " + r);
    }

    private static void refusedWithoutWrite(EngineFixture f, CommandResult r, Errno errno, String text) {
        CommandResult.Rejected j = rejected(r);
        assertEquals(errno, j.failure().errno(), j.failure().message());
        assertTrue(j.failure().message().contains(text), j.failure().message());
        assertFalse(j.failure().written());
        assertEquals(List.of(), f.writes, "nothing may be written");
    }

    @Test
    void v2GroupWithControllersForChildrenTakesNoProcesses() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.unified(dir));
        GroupRef g = f.make("unified", "/corral-test-a", "cgroup.subtree_control", "memory\n", "cgroup.type", "domain\n");
        f.tasks.process(4242, 'S');
        CommandResult r = f.engine.run(new Command.MoveTasks(g, List.of(4242), false));
        refusedWithoutWrite(f, r, Errno.EBUSY, "no internal processes");
    }

    @Test
    void v1CpusetWithoutCpusRefusesTasks() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef g = f.make("cpuset", "/corral-test-a", "cpuset.cpus", "\n", "cpuset.mems", "0\n");
        f.tasks.process(4242, 'S');
        refusedWithoutWrite(f, f.engine.run(new Command.MoveTasks(g, List.of(4242), false)), Errno.ENOSPC,
                "cpuset.cpus");
    }

    @Test
    void kernelThreadsAndZombiesDoNotMoveButTheBatchGoesOn() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef g = f.make("pids", "/corral-test-a");
        f.tasks.kernelThread(2).process(300, 'Z').process(4242, 'S');
        CommandResult r = f.engine.run(new Command.MoveTasks(g, List.of(2, 300, 77777, 4242), false));
        CommandResult.Partial p = assertInstanceOf(CommandResult.Partial.class, r);
        assertEquals(List.of("sys/fs/cgroup/pids/corral-test-a/cgroup.procs=4242"), f.writes);
        assertEquals(List.of(Errno.EINVAL, Errno.ESRCH, Errno.ESRCH),
                p.failures().stream().map(Failure::errno).toList());
        assertTrue(p.failures().get(0).message().contains("kernel thread"));
        assertTrue(p.failures().get(1).message().contains("zombie"));
        assertTrue(p.failures().get(2).message().contains("77777"));
    }

    @Test
    void theEngineNeverMovesItsOwnProcess() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef g = f.make("pids", "/corral-test-a");
        f.tasks.self(5000);
        refusedWithoutWrite(f, f.engine.run(new Command.MoveTasks(g, List.of(5000), false)), Errno.EPERM,
                "Corral itself");
    }

    @Test
    void theEngineNeverFreezesOrKillsTheGroupItRunsIn() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef outer = f.make("freezer", "/corral-test-a", "freezer.state", "THAWED\n");
        f.make("freezer", "/corral-test-a/inner", "freezer.state", "THAWED\n");
        f.tasks.self(5000).in(5000, f.h("freezer"), "/corral-test-a/inner");
        refusedWithoutWrite(f, f.engine.run(new Command.Freeze(outer)), Errno.EPERM, "Corral itself runs in it");
        refusedWithoutWrite(f, f.engine.run(new Command.KillAll(outer)), Errno.EPERM, "Corral itself runs in it");
    }

    @Test
    void containmentIsByPathComponentsSoFoo2IsNotInsideFoo() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef foo = f.make("freezer", "/corral-test-foo", "freezer.state", "THAWED\n");
        f.make("freezer", "/corral-test-foo2", "freezer.state", "THAWED\n");
        f.tasks.self(5000).in(5000, f.h("freezer"), "/corral-test-foo2");
        CommandResult r = f.engine.run(new Command.Freeze(foo));
        // A fixture file reads back what was written, so the freeze "takes": the point is that
        // the rule did not refuse /corral-test-foo because Corral runs in /corral-test-foo2.
        assertInstanceOf(CommandResult.Applied.class, r, r::toString);
        assertEquals(List.of("sys/fs/cgroup/freezer/corral-test-foo/freezer.state=FROZEN"), f.writes);
        assertEquals(List.of(new Command.Thaw(foo)), r.inverse());
    }

    @Test
    void removingAPopulatedGroupOrOneWithChildrenIsRefused() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef busy = f.make("cpu", "/corral-test-busy", "cgroup.procs", "4242\n");
        GroupRef parent = f.make("cpu", "/corral-test-parent");
        f.make("cpu", "/corral-test-parent/child");
        refusedWithoutWrite(f, f.engine.run(new Command.RemoveGroup(busy)), Errno.EBUSY, "4242");
        refusedWithoutWrite(f, f.engine.run(new Command.RemoveGroup(parent)), Errno.EBUSY, "child");
        assertTrue(Files.isDirectory(busy.dir(f.fs)));
        assertTrue(Files.isDirectory(parent.dir(f.fs)));
    }

    @Test
    void cgroup2CannotRename() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.unified(dir));
        GroupRef g = f.make("unified", "/corral-test-a");
        refusedWithoutWrite(f, f.engine.run(new Command.RenameGroup(g, "corral-test-b")), Errno.EOPNOTSUPP,
                "cannot rename");
        assertTrue(Files.isDirectory(g.dir(f.fs)));
    }

    @Test
    void renameRefusesInterfaceFileNames() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef g = f.make("cpu", "/corral-test-a");
        for (String bad : new String[] {"..", "cpu.shares", "tasks", "a/b", ""}) {
            CommandResult r = f.engine.run(new Command.RenameGroup(g, bad));
            assertEquals(Errno.EINVAL, rejected(r).failure().errno(), bad);
        }
        assertTrue(Files.isDirectory(g.dir(f.fs)));
    }

    @Test
    void controllersAreEnabledTopDown() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.unified(dir));
        // The root enables memory only, so the child's cgroup.controllers has memory only.
        f.host.file("/sys/fs/cgroup/cgroup.subtree_control", "memory\n");
        GroupRef g = f.make("unified", "/corral-test-a", "cgroup.controllers", "memory\n",
                "cgroup.subtree_control", "\n");
        refusedWithoutWrite(f, f.engine.run(new Command.EnableControllers(g, Set.of("pids"))), Errno.ENOENT,
                "enable it there first");
    }

    @Test
    void enablingControllersOnAGroupWithProcessesIsRefused() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.unified(dir));
        GroupRef g = f.make("unified", "/corral-test-a", "cgroup.controllers", "memory pids\n",
                "cgroup.subtree_control", "\n", "cgroup.procs", "4242\n");
        refusedWithoutWrite(f, f.engine.run(new Command.EnableControllers(g, Set.of("pids"))), Errno.EBUSY,
                "no internal processes");
    }

    @Test
    void disablingAControllerAChildStillEnablesIsRefused() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.unified(dir));
        GroupRef g = f.make("unified", "/corral-test-a", "cgroup.subtree_control", "pids\n");
        f.make("unified", "/corral-test-a/child", "cgroup.subtree_control", "pids\n");
        refusedWithoutWrite(f, f.engine.run(new Command.DisableControllers(g, Set.of("pids"))), Errno.EBUSY,
                "bottom-up");
    }

    @Test
    void aHierarchyMountedThroughASymlinkIsRefused() throws Exception {
        FixtureHost host = FixtureHost.hybrid(dir);
        Path real = dir.resolve("elsewhere");
        Files.createDirectories(real);
        Path pids = host.path("/sys/fs/cgroup/pids");
        Files.move(pids, real.resolve("pids"));
        Files.createSymbolicLink(pids, real.resolve("pids"));
        EngineFixture f = new EngineFixture(host);
        f.host.group(host.mount("pids") + "/corral-test-a");
        refusedWithoutWrite(f, f.engine.run(new Command.CreateGroup(f.g("pids", "/corral-test-b"))), Errno.ELOOP,
                "symbolic link");
        assertFalse(Files.exists(real.resolve("pids/corral-test-b")));
    }

    @Test
    void nothingIsEverWrittenUnderTheProtectedGroup() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        GroupRef protectedGroup = f.make("memory", "/process_api/x", "memory.limit_in_bytes", "9223372036854771712\n");
        f.tasks.process(4242, 'S');
        for (Command c : List.of(new Command.MoveTasks(protectedGroup, List.of(4242), false),
                new Command.CreateGroup(protectedGroup.child("corral-test-a")),
                new Command.RemoveGroup(protectedGroup))) {
            CommandResult r = f.engine.run(c);
            CommandResult.Rejected j = rejected(r);
            assertTrue(j.failure().message().contains("protected"), j.failure().message());
        }
        assertEquals(List.of(), f.writes);
        assertTrue(Files.isDirectory(protectedGroup.dir(f.fs)));
    }

    @Test
    void aNewV1CpusetGroupGetsCpusAndMemsFromItsParent() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        f.host.file("/sys/fs/cgroup/cpuset/cpuset.cpus", "0-3\n").file("/sys/fs/cgroup/cpuset/cpuset.mems", "0\n");
        // Like the kernel (without cgroup.clone_children): a new cpuset group has empty cpus/mems.
        f.fs.setMkdirObserver(d -> f.host.group(f.host.mount("cpuset") + "/" + d.getFileName(),
                "cpuset.cpus", "\n", "cpuset.mems", "\n"));
        GroupRef g = f.g("cpuset", "/corral-test-a");
        CommandResult r = f.engine.run(new Command.CreateGroup(g));
        assertInstanceOf(CommandResult.Applied.class, r, r::toString);
        assertEquals(List.of("sys/fs/cgroup/cpuset/corral-test-a/cpuset.cpus=0-3",
                "sys/fs/cgroup/cpuset/corral-test-a/cpuset.mems=0"), f.writes);
        assertEquals("0-3", Files.readString(g.dir(f.fs).resolve("cpuset.cpus")));
        assertEquals(List.of(new Command.RemoveGroup(g)), r.inverse());
    }

    @Test
    void aGroupThatDoesNotFreezeInTimeIsThawedAgain() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.unified(dir));
        // A fixture's cgroup.events never changes by itself: like a task stuck in D state.
        GroupRef g = f.make("unified", "/corral-test-a", "cgroup.freeze", "0\n", "cgroup.events",
                "populated 1\nfrozen 0\n");
        CommandResult r = f.engine.run(new Command.Freeze(g));
        CommandResult.Rejected j = rejected(r);
        assertTrue(j.failure().message().contains("thawed again"), j.failure().message());
        assertEquals(List.of("sys/fs/cgroup/corral-test-a/cgroup.freeze=1", "sys/fs/cgroup/corral-test-a/cgroup.freeze=0"),
                f.writes);
    }

    @Test
    void theWriterThreadRunsCommandsOneAtATimeInOrder() throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.hybrid(dir));
        try (CommandEngine engine = new CommandEngine(f.fs, f.tasks, java.util.Optional.empty(),
                CommandEngine.Mode.WRITER_THREAD)) {
            List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            engine.setListener(res -> threads.add(Thread.currentThread().getName()));
            List<java.util.concurrent.CompletableFuture<CommandResult>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(engine.submit(new Command.CreateGroup(f.g("cpu", "/corral-test-" + i))));
            }
            for (var fut : futures) {
                assertInstanceOf(CommandResult.Applied.class, fut.get(5, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(20, threads.size());
            assertTrue(threads.stream().allMatch("corral-command-writer"::equals), threads.toString());
        }
        assertEquals(20, f.fs.childGroups(f.host.path("/sys/fs/cgroup/cpu")).stream()
                .filter(n -> n.startsWith("corral-test-")).count());
    }

    @Test
    void cgroupFsItselfRefusesEveryChangeUnderTheProtectedGroup() throws Exception {
        FixtureHost host = FixtureHost.hybrid(dir);
        host.group("/sys/fs/cgroup/memory/process_api/x", "memory.limit_in_bytes", "1\n");
        io.corral.model.kernel.CgroupFs fs = host.fs();
        Path p = host.path("/sys/fs/cgroup/memory/process_api/x");
        org.junit.jupiter.api.Assertions.assertThrows(io.corral.model.kernel.KernelException.class,
                () -> fs.write(p.resolve("memory.limit_in_bytes"), "2"));
        org.junit.jupiter.api.Assertions.assertThrows(io.corral.model.kernel.KernelException.class,
                () -> fs.mkdir(p.resolve("y")));
        org.junit.jupiter.api.Assertions.assertThrows(io.corral.model.kernel.KernelException.class,
                () -> fs.rmdir(p));
        org.junit.jupiter.api.Assertions.assertThrows(io.corral.model.kernel.KernelException.class,
                () -> fs.write(p.resolve("..").resolve("x").resolve("memory.limit_in_bytes"), "2"));
        assertEquals("1\n", Files.readString(p.resolve("memory.limit_in_bytes")));
        // A sibling whose name merely starts the same is not protected (components, not strings).
        assertFalse(fs.isProtected(host.path("/sys/fs/cgroup/memory/process_api2")));
        assertTrue(fs.isProtected(p));
    }
}
