package io.corral.model.launch;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapWriter;
import io.corral.model.namespace.NamespaceId;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Launching on the live kernel: groups from the first instruction, namespaces as asked. */
@ExtendWith(LiveCgroups.class)
class LauncherLiveTest {
    private static final Path CPU = LiveCgroups.CGROUP_ROOT.resolve("cpu");
    private static final Path PIDS = LiveCgroups.CGROUP_ROOT.resolve("pids");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path data;
    private Launcher launcher;
    private final ProcFs proc = ProcFs.live();

    @BeforeEach
    void setUp() {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(CPU);
        LiveCgroups.assumeHierarchy(PIDS);
        launcher = new Launcher(CgroupFs.live(), proc, IdMapWriter.live(), new LogDirectory(data.resolve("logs")));
    }

    private List<Path> groups(LiveCgroups live) throws Exception {
        String name = LiveCgroups.newName();
        return List.of(live.mkdir(CPU, name), live.mkdir(PIDS, name));
    }

    private static String finish(Launched l) throws Exception {
        assertTrue(l.process().waitFor(20, TimeUnit.SECONDS), "launched command did not finish");
        return Files.readString(l.logFile());
    }

    @Test
    void theCommandReadsItsOwnGroupsFromItsFirstInstruction(LiveCgroups live) throws Exception {
        List<Path> groups = groups(live);
        Launched l = launcher.launch(LaunchSpec.of(List.of("cat", "/proc/self/cgroup"), Set.of(), groups));
        live.own(l.process());
        String log = finish(l);
        String name = groups.get(0).getFileName().toString();
        assertTrue(log.contains(":cpu:/" + name + "\n"), log);
        assertTrue(log.contains(":pids:/" + name + "\n"), log);
        assertTrue(l.logFile().startsWith(data.resolve("logs")));
    }

    @Test
    void inNewPidAndMountNamespacesTheCommandRunsUnderAnInitThatLeadsItsSession(LiveCgroups live) throws Exception {
        List<Path> groups = groups(live);
        Launched l = launcher.launch(LaunchSpec.of(List.of("sleep", "60"),
                EnumSet.of(NamespaceType.PID, NamespaceType.MNT, NamespaceType.UTS, NamespaceType.NET), groups));
        live.own(l.process());
        long init = l.awaitInit(WAIT).orElseThrow();
        long command = l.awaitCommand(WAIT).orElseThrow();
        long self = ProcessHandle.current().pid();
        for (NamespaceType t : List.of(NamespaceType.PID, NamespaceType.MNT, NamespaceType.UTS, NamespaceType.NET)) {
            assertNotEquals(proc.namespaceLink(self, t.procName()), proc.namespaceLink(command, t.procName()), t.name());
        }
        for (NamespaceType t : List.of(NamespaceType.USER, NamespaceType.IPC, NamespaceType.CGROUP)) {
            assertEquals(proc.namespaceLink(self, t.procName()), proc.namespaceLink(command, t.procName()), t.name());
        }
        String initStatus = proc.read(init, "status").orElseThrow();
        assertTrue(initStatus.contains("\nNSpid:\t" + init + "\t1\n"), initStatus);
        String commandStatus = proc.read(command, "status").orElseThrow();
        assertTrue(commandStatus.contains("\nNSpid:\t" + command + "\t2\n"), commandStatus);
        // stat field 6 is the session id: the init leads its own session.
        String stat = proc.read(init, "stat").orElseThrow();
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals(Long.toString(init), f[3], "session of init");
        String name = groups.get(0).getFileName().toString();
        assertTrue(proc.read(command, "cgroup").orElseThrow().contains(":cpu:/" + name + "\n"));
        // stdio of the init was opened inside the new mount namespace.
        Path stdout = Files.readSymbolicLink(Path.of("/proc/" + init + "/fd/1"));
        assertEquals(l.logFile(), stdout);
    }

    @Test
    void initReapsOrphansAndForwardsTerm(LiveCgroups live) throws Exception {
        List<Path> groups = groups(live);
        // The inner sh starts a background sleep and exits at once: the sleep is orphaned
        // to the namespace's init, which must reap it when it exits.
        Launched l = launcher.launch(LaunchSpec.of(List.of("sh", "-c", "sh -c 'sleep 0.3 &'; exec sleep 60"),
                EnumSet.of(NamespaceType.PID), groups));
        live.own(l.process());
        long init = l.awaitInit(WAIT).orElseThrow();
        long command = l.awaitCommand(WAIT).orElseThrow();
        Thread.sleep(100);
        assertEquals(2, ProcessHandle.of(init).orElseThrow().children().count(), "the orphan was reparented to init");
        Thread.sleep(700);
        long zombies = ProcessHandle.of(init).orElseThrow().children()
                .filter(c -> c.pid() != command)
                .count();
        assertEquals(0, zombies, "the orphaned sleep was reaped by the init");
        new ProcessBuilder("kill", "-TERM", Long.toString(init)).start().waitFor();
        assertTrue(l.process().waitFor(10, TimeUnit.SECONDS), "TERM to the init ends the command and the init");
    }

    @Test
    void explicitMapsAreWrittenBeforeTheCommandRuns(LiveCgroups live) throws Exception {
        List<Path> groups = groups(live);
        IdMap uids = IdMap.parse("0 100000 1000\n");
        IdMap gids = IdMap.parse("0 100000 1000\n");
        LaunchSpec spec = new LaunchSpec(List.of("cat", "/proc/self/uid_map", "/proc/self/gid_map"), Optional.empty(),
                Map.of(), EnumSet.of(NamespaceType.USER), new UserMapping.Explicit(uids, gids), groups);
        Launched l = launcher.launch(spec);
        live.own(l.process());
        String log = finish(l);
        assertEquals(2, log.lines().filter(s -> s.trim().split("\\s+")[1].equals("100000")).count(), log);
    }

    @Test
    void explicitMapsReachTheInitOfANewPidNamespaceToo(LiveCgroups live) throws Exception {
        List<Path> groups = groups(live);
        LaunchSpec spec = new LaunchSpec(List.of("cat", "/proc/self/uid_map"), Optional.empty(), Map.of(),
                EnumSet.of(NamespaceType.USER, NamespaceType.PID, NamespaceType.MNT),
                new UserMapping.Explicit(IdMap.parse("0 0 1\n1 200000 10"), IdMap.parse("0 0 1")), groups);
        Launched l = launcher.launch(spec);
        live.own(l.process());
        String log = finish(l);
        assertEquals(List.of("0 0 1", "1 200000 10"),
                log.lines().map(s -> String.join(" ", s.trim().split("\\s+"))).toList(), log);
    }

    @Test
    void mapRootMakesTheLaunchingUserRootInside(LiveCgroups live) throws Exception {
        List<Path> groups = groups(live);
        LaunchSpec spec = new LaunchSpec(List.of("cat", "/proc/self/uid_map"), Optional.empty(),
                Map.of("CORRAL_X", "1"), EnumSet.of(NamespaceType.USER, NamespaceType.PID), UserMapping.MAP_ROOT, groups);
        Launched l = launcher.launch(spec);
        live.own(l.process());
        String log = finish(l);
        assertEquals(List.of("0", "0", "1"), List.of(log.trim().split("\\s+")), log);
        assertTrue(l.displayLine().contains("--map-root-user"), l.displayLine());
    }

    @Test
    void aNewCgroupNamespaceIsRootedAtTheTargetGroupBecauseTheMoveCameFirst(LiveCgroups live) throws Exception {
        List<Path> groups = groups(live);
        Launched l = launcher.launch(LaunchSpec.of(List.of("cat", "/proc/self/cgroup"),
                EnumSet.of(NamespaceType.CGROUP, NamespaceType.TIME, NamespaceType.IPC), groups));
        live.own(l.process());
        String log = finish(l);
        assertTrue(log.lines().anyMatch(s -> s.endsWith(":cpu:/")), log);
        assertTrue(log.lines().anyMatch(s -> s.endsWith(":pids:/")), log);
    }

    @Test
    void launchIntoResolvesTheGroupArgument(LiveCgroups live) throws Exception {
        String name = groups(live).get(0).getFileName().toString();
        Launched l = launcher.launchInto(io.corral.model.cgroup.GroupSpec.parse("cpu,pids:/" + name),
                LaunchSpec.of(List.of("cat", "/proc/self/cgroup"), Set.of(), List.of()));
        live.own(l.process());
        assertEquals(List.of(CPU.resolve(name), PIDS.resolve(name)), l.groups());
        assertTrue(finish(l).contains(":pids:/" + name + "\n"));
    }

    @Test
    void aGroupTheKernelRefusesLeavesNothingRunning(LiveCgroups live) throws Exception {
        Path missing = CPU.resolve(LiveCgroups.newName());
        LaunchException e = assertThrows(LaunchException.class,
                () -> launcher.launch(LaunchSpec.of(List.of("true"), Set.of(), List.of(missing))));
        assertTrue(e.getMessage().contains("nothing was run"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(0, ProcessHandle.current().children()
                .filter(c -> c.info().arguments().map(a -> List.of(a).contains("corral-launch")).orElse(false))
                .count(), "the paused launcher was ended");
    }

    @Test
    void theEnvironmentAndWorkingDirectoryReachTheCommand(LiveCgroups live) throws Exception {
        List<Path> groups = groups(live);
        LaunchSpec spec = new LaunchSpec(List.of("sh", "-c", "echo \"$CORRAL_GREETING\"; pwd"), Optional.of(data),
                Map.of("CORRAL_GREETING", "hello; $(rm -rf /)"), Set.of(NamespaceType.MNT), UserMapping.UNMAPPED, groups);
        Launched l = launcher.launch(spec);
        live.own(l.process());
        assertEquals("hello; $(rm -rf /)\n" + data + "\n", finish(l));
    }
}
