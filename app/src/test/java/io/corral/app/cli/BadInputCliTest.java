package io.corral.app.cli;

import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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

    static Stream<Arguments> pids() {
        return Stream.of(
                Arguments.of("0x10", "not a plain decimal number"),
                Arguments.of("010", "leading zero"),
                Arguments.of("+5", "not a plain decimal number"),
                Arguments.of(" 5", "not a plain decimal number"),
                Arguments.of("0", "PID 0 is refused"),
                Arguments.of("-1", "not a plain decimal number"),
                Arguments.of("1 2", "not a plain decimal number"),
                Arguments.of("", "empty PID"),
                Arguments.of("12345678901", "too long"));
    }

    @ParameterizedTest(name = "move PID \"{0}\"")
    @MethodSource("pids")
    void badPidsAreRefusedBeforeAnyWrite(String pid, String reason) {
        // A good pid first: the bad one must stop the whole command, not just itself.
        refused(reason, "move", "pids:/corral-test-a", "4242", pid);
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of("pids.max=-5", "-5"),
                Arguments.of("pids.max=abc", "abc"),
                Arguments.of("memory.max=1X", "1X"),
                Arguments.of("memory.max=50000abc", "50000abc"),
                Arguments.of("memory.max=max 500", "max 500"),
                Arguments.of("memory.max=" + "9".repeat(5000), "4096"),
                Arguments.of("nosuch.knob=5", "unknown knob"),
                Arguments.of("memory.max", "not KNOB=VALUE"));
    }

    @ParameterizedTest(name = "set {0}")
    @MethodSource("limits")
    void badLimitsAreRefusedBeforeAnyWrite(String setting, String reason) {
        // A good setting first: nothing at all may be written.
        refused(reason, "set", "/corral-test-a", "pids.max=64", setting);
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("/..", "not allowed"),
                Arguments.of("/.", "not allowed"),
                Arguments.of("..", "must start with '/'"),
                Arguments.of("a/b", "must start with '/'"),
                Arguments.of("/corral-test-\n", "control character"),
                Arguments.of("/cgroup.procs", "interface file"),
                Arguments.of("/tasks", "interface file"),
                Arguments.of("/memory.max", "memory interface file"),
                Arguments.of("", "empty GROUP"),
                Arguments.of("/" + "a".repeat(300), "at most 255"),
                Arguments.of("/corral-test-a//b", "empty"),
                Arguments.of("nosuch:/corral-test-b", "no mounted hierarchy"));
    }

    @ParameterizedTest(name = "mkdir \"{0}\"")
    @MethodSource("names")
    void badGroupNamesAreRefusedBeforeAnyMkdir(String group, String reason) {
        refused(reason, "mkdir", group);
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
        assertNotEquals(0, rc, "exit status");
        assertEquals(1, f.err.lines().count(), "exactly one line on stderr: " + f.err);
        assertTrue(f.err.startsWith("corral: "), f.err);
        assertTrue(f.err.contains(reason), "expected \"" + reason + "\" in: " + f.err);
        assertEquals(List.of(), f.writes, "nothing may reach the kernel");
        assertFalse(f.out.contains("moved") || f.out.contains("created") || f.out.contains("set "), f.out);
    }
}
