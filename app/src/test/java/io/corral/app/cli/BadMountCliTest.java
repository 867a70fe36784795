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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rest of issue 6's bad-input table on fixture trees: a cgroup root or hierarchy mount
 * reached through a symbolic link or on the wrong file system type, names the table shares
 * with the GUI ({@code //abs}), and containment by components ({@code foo2} next to
 * {@code foo}). Each case: non-zero exit, a specific line, no write seen by the observer,
 * and the whole fixture tree byte for byte unchanged.
 */
class BadMountCliTest {
    @TempDir
    Path dir;
    private CliFixture f;

    @BeforeEach
    void host() throws Exception {
        f = new CliFixture(FixtureHost.hybrid(dir.resolve("host")), dir.resolve("journal.jsonl"));
        for (String h : List.of("pids", "memory", "freezer")) {
            f.host.cgroup(h, "/corral-test-a");
        }
        f.host.cgroup("unified", "/corral-test-a");
        f.tasks.process(4242, 'S');
    }

    /** Every write command of the CLI, aimed at the group (or a new one beside it). */
    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of((Object) new String[] {"move", "pids:/corral-test-a", "4242"}),
                Arguments.of((Object) new String[] {"set", "pids:/corral-test-a", "pids.max=64"}),
                Arguments.of((Object) new String[] {"mkdir", "pids:/corral-test-b"}),
                Arguments.of((Object) new String[] {"rmdir", "pids:/corral-test-a"}),
                Arguments.of((Object) new String[] {"freeze", "freezer:/corral-test-a"}),
                Arguments.of((Object) new String[] {"thaw", "freezer:/corral-test-a"}));
    }

    @ParameterizedTest(name = "hierarchy mount is a symlink: {0}")
    @MethodSource("commands")
    void aSymlinkedHierarchyMountIsRefused(String[] args) throws Exception {
        String hierarchy = args[1].substring(0, args[1].indexOf(':'));
        Path mount = f.host.path("/sys/fs/cgroup/" + hierarchy);
        Path real = dir.resolve("host/elsewhere/" + hierarchy);
        Files.createDirectories(real.getParent());
        Files.move(mount, real);
        Files.createSymbolicLink(mount, real);
        refused("reached through the symbolic link " + mount, args);
    }

    @ParameterizedTest(name = "cgroup root is a symlink: {0}")
    @MethodSource("commands")
    void aSymlinkedCgroupRootIsRefused(String[] args) throws Exception {
        Path root = f.host.path("/sys/fs/cgroup");
        Path real = dir.resolve("host/real-cgroup");
        Files.move(root, real);
        Files.createSymbolicLink(root, real);
        refused("reached through the symbolic link " + root, args);
    }

    @ParameterizedTest(name = "mount on the wrong file system type: {0}")
    @MethodSource("commands")
    void aMountOnTheWrongFileSystemTypeIsRefused(String[] args) {
        // The fixture lives on an ordinary file system: with the check on, as it always is
        // on the real host, no hierarchy of it may be written.
        f.fs.setVerifyMountTypes(true);
        refused("file system, not cgroup", args);
    }

    @Test
    void v2MountOnTheWrongFileSystemTypeIsRefused() {
        f.fs.setVerifyMountTypes(true);
        refused("file system, not cgroup2", "freeze", "unified:/corral-test-a");
    }

    @Test
    void aDoubleSlashAbsoluteComponentIsRefused() {
        refused("group name is empty", "mkdir", "pids:/corral-test-a//abs");
    }

    @Test
    void aNewlineInsideAPathIsShownEscaped() {
        refused("\\x0a", "mkdir", "pids:/corral-test-a/b\nc");
    }

    @Test
    void aRelativeDotDotPathIsRefused() {
        refused("must start with '/'", "mkdir", "pids:../corral-test-a");
    }

    @Test
    void settingFooDoesNotTouchFoo2() {
        f.host.cgroup("pids", "/corral-test-foo2");
        refused("does not exist", "set", "pids:/corral-test-foo", "pids.max=64");
    }

    @Test
    void freezingFooIsAllowedWhileCorralRunsInFoo2() {
        // Containment by components: Corral in /corral-test-foo2 does not block /corral-test-foo.
        f.host.cgroup("freezer", "/corral-test-foo", "freezer.state", "THAWED\n");
        f.host.cgroup("freezer", "/corral-test-foo2");
        f.tasks.self(777).in(777, hierarchy("freezer"), "/corral-test-foo2");
        f.run("freeze", "freezer:/corral-test-foo");
        assertTrue(f.writes.contains("sys/fs/cgroup/freezer/corral-test-foo/freezer.state=FROZEN"), f.writes + f.err);
    }

    @Test
    void freezingAGroupAboveCorralIsRefused() {
        f.host.cgroup("freezer", "/corral-test-foo/inner");
        f.tasks.self(777).in(777, hierarchy("freezer"), "/corral-test-foo/inner");
        refused("Corral itself runs in it", "freeze", "freezer:/corral-test-foo");
    }

    @Test
    void theProtectedGroupIsNeverWrittenNorItsSiblingConfusedWithIt() {
        f.host.cgroup("memory", "/process_api", "memory.limit_in_bytes", "1000\n");
        f.host.cgroup("memory", "/process_api2", "memory.limit_in_bytes", "1000\n");
        refused("never changes anything under", "set", "memory:/process_api", "memory.max=64M");
        assertEquals(0, f.run("set", "memory:/process_api2", "memory.max=64M"), f.err);
    }

    private io.corral.model.cgroup.Hierarchy hierarchy(String id) {
        try {
            return new io.corral.model.cgroup.HierarchyDiscovery(f.fs).discover().stream()
                    .filter(h -> h.id().equals(id)).findFirst().orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void refused(String reason, String... args) {
        List<String> before = TreeDigest.of(f.host.root(), false);
        int rc = f.run(args);
        BadInputTable.assertRefused(reason, rc, f.err, f.writes);
        assertEquals(before, TreeDigest.of(f.host.root(), false), "fixture tree changed");
    }
}
