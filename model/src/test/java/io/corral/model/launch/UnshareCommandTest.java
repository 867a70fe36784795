package io.corral.model.launch;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.input.InvalidInputException;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The argument vectors of a launch, the line shown to people, and where logs and groups go. */
class UnshareCommandTest {
    private static final Path LOG = Path.of("/tmp/x.log");

    @Test
    void userInputIsNeverPartOfAShellScript() {
        List<String> evil = List.of("echo", "$(touch /tmp/pwned)", "'; rm -rf / #");
        List<String> argv = UnshareCommand.argv(LaunchSpec.of(evil, EnumSet.of(NamespaceType.PID), List.of()), LOG);
        assertEquals(evil, argv.subList(argv.size() - 3, argv.size()), "arguments passed through as they are");
        assertEquals(UnshareCommand.PAUSE, argv.get(2));
        assertTrue(argv.contains(UnshareCommand.START));
        assertEquals(List.of(UnshareCommand.PAUSE, UnshareCommand.START),
                argv.stream().filter(a -> a.contains("exec")).toList(), "the only scripts are the fixed ones");
    }

    @Test
    void aPidNamespaceForksAnInitThatLeadsItsSession() {
        List<String> argv = UnshareCommand.argv(LaunchSpec.of(List.of("sleep", "1"),
                EnumSet.of(NamespaceType.PID, NamespaceType.MNT), List.of()), LOG);
        int unshare = argv.indexOf("unshare");
        assertEquals(List.of("setsid", "unshare", "--mount", "--pid", "--fork", "--mount-proc", "setsid", "sh"),
                argv.subList(unshare - 1, unshare + 7));
        assertEquals(List.of(LOG.toString(), "go", "init", "sleep", "1"), argv.subList(argv.size() - 5, argv.size()));
    }

    @Test
    void withoutAForkEveryStageExecsSoThePidIsTheCommands() {
        List<String> argv = UnshareCommand.argv(LaunchSpec.of(List.of("true"), EnumSet.of(NamespaceType.NET), List.of()),
                LOG);
        assertEquals(1, argv.stream().filter("setsid"::equals).count());
        assertTrue(argv.containsAll(List.of("--net", "exec")));
        assertTrue(!argv.contains("--fork"));
    }

    @Test
    void explicitMapsMakeTheCommandWaitForCorral() throws Exception {
        LaunchSpec spec = new LaunchSpec(List.of("id"), Optional.empty(), Map.of(), Set.of(),
                new UserMapping.Explicit(IdMap.parse("0 1000 1"), IdMap.EMPTY), List.of());
        assertTrue(spec.creates(NamespaceType.USER), "a mapping implies a user namespace");
        assertTrue(UnshareCommand.argv(spec, LOG).contains("wait"));
        assertTrue(!UnshareCommand.argv(spec, LOG).contains("--map-root-user"));
    }

    @Test
    void theDisplayLineIsAnUnshareCommandWithQuotedArguments() {
        LaunchSpec spec = new LaunchSpec(List.of("sh", "-c", "echo 'hi there'"), Optional.empty(), Map.of(),
                EnumSet.of(NamespaceType.PID, NamespaceType.UTS), UserMapping.MAP_ROOT, List.of());
        assertEquals("unshare --pid --user --uts --fork --map-root-user setsid sh -c 'echo '\\''hi there'\\'''",
                UnshareCommand.displayLine(spec));
    }

    @Test
    void logsGoUnderXdgDataHomeOrTheDefault() {
        Path home = Path.of("/home/ann");
        assertEquals(Path.of("/data/corral/logs"),
                LogDirectory.fromEnvironment(Map.of("XDG_DATA_HOME", "/data"), home).dir());
        assertEquals(Path.of("/home/ann/.local/share/corral/logs"), LogDirectory.fromEnvironment(Map.of(), home).dir());
        assertEquals(Path.of("/home/ann/.local/share/corral/logs"),
                LogDirectory.fromEnvironment(Map.of("XDG_DATA_HOME", "relative"), home).dir());
    }

    @Test
    void targetGroupsMustExistInTheNamedHierarchies(@TempDir Path dir) throws Exception {
        FixtureHost host = FixtureHost.hybrid(dir);
        host.group("/sys/fs/cgroup/cpu/web");
        host.group("/sys/fs/cgroup/unified/web");
        var hierarchies = new HierarchyDiscovery(host.fs()).discover();
        assertEquals(List.of(host.path("/sys/fs/cgroup/unified/web"), host.path("/sys/fs/cgroup/cpu/web")),
                TargetGroups.resolve(host.fs(), hierarchies, GroupSpec.parse("/web")));
        assertEquals(List.of(host.path("/sys/fs/cgroup/cpu/web")),
                TargetGroups.resolve(host.fs(), hierarchies, GroupSpec.parse("cpu:/web")));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TargetGroups.resolve(host.fs(), hierarchies, GroupSpec.parse("cpu,memory:/web")));
        assertTrue(e.getMessage().contains("does not exist in memory"), e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> TargetGroups.resolve(host.fs(), hierarchies, GroupSpec.parse("/nowhere")));
    }
}
