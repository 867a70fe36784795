package io.corral.app.cli;

import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6's bad-input table through the CLI: every input is refused with a non-zero exit,
 * exactly one specific line on stderr, and no write or mkdir reached the (fixture) kernel.
 */
class BadInputCliTest {
    @TempDir
    static Path dir;
    private static int n;
    private CliFixture f;

    @BeforeEach
    void host() throws Exception {
        f = new CliFixture(FixtureHost.hybrid(dir.resolve("host" + ++n)), dir.resolve("journal" + n + ".jsonl"));
        f.host.group("/sys/fs/cgroup/pids/corral-test-a", "pids.max", "max\n");
        f.host.group("/sys/fs/cgroup/memory/corral-test-a", "memory.limit_in_bytes", "9223372036854771712\n",
                "memory.soft_limit_in_bytes", "9223372036854771712\n");
        f.tasks.process(4242, 'S');
    }

    @ParameterizedTest(name = "move PID \"{0}\"")
    @MethodSource("io.corral.app.cli.BadInputTable#pids")
    void badPidsAreRefusedBeforeAnyWrite(String pid, String reason) {
        // A good pid first: the bad one must stop the whole command, not just itself.
        refused(reason, "move", "pids:/corral-test-a", "4242", pid);
    }

    @ParameterizedTest(name = "set {0}")
    @MethodSource("io.corral.app.cli.BadInputTable#limits")
    void badLimitsAreRefusedBeforeAnyWrite(String setting, String reason) {
        // A good setting first: nothing at all may be written.
        refused(reason, "set", "/corral-test-a", "pids.max=64", setting);
    }

    @ParameterizedTest(name = "mkdir \"{0}\"")
    @MethodSource("io.corral.app.cli.BadInputTable#names")
    void badGroupNamesAreRefusedBeforeAnyMkdir(String group, String reason) {
        refused(reason, "mkdir", group.replace(BadInputTable.G, "corral-test-a"));
    }

    @Test
    void foo2IsNotFooWhenRemoving() {
        f.host.group("/sys/fs/cgroup/pids/corral-test-foo2");
        refused("does not exist", "rmdir", "pids:/corral-test-foo");
        assertTrue(Files.isDirectory(f.host.path("/sys/fs/cgroup/pids/corral-test-foo2")));
    }

    @Test
    void anExplicitHierarchyWithoutTheGroupIsRefused() {
        refused("does not exist in cpu", "set", "cpu,pids:/corral-test-a", "pids.max=64");
    }

    @Test
    void aKnobNoSelectedHierarchyProvidesIsRefused() {
        refused("provides cpu.quota", "set", "pids:/corral-test-a", "cpu.quota=0.5");
    }

    @Test
    void freezingTheRootIsRefused() {
        refused("root group", "freeze", "/");
    }

    @Test
    void aMissingSubcommandArgumentIsOneLine() {
        int rc = f.run("move", "/corral-test-a");
        assertNotEquals(0, rc);
        assertEquals(1, f.err.lines().count(), f.err);
        assertEquals(List.of(), f.writes);
    }

    private void refused(String reason, String... args) {
        int rc = f.run(args);
        BadInputTable.assertRefused(reason, rc, f.err, f.writes);
        assertFalse(f.out.contains("moved") || f.out.contains("created") || f.out.contains("set "), f.out);
    }
}
