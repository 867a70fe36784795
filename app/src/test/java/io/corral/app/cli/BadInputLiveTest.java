package io.corral.app.cli;

import io.corral.model.command.Journal;
import io.corral.model.command.ProcTasks;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 6's bad-input table through the CLI on the live kernel (root; corral-test-* groups
 * only): each input exits non-zero with a specific line, the accessor's observer sees no
 * write, mkdir, rmdir or rename (it would also stop one), and every setting and
 * {@code cgroup.procs} of the test groups reads the same afterwards.
 */
@ExtendWith(LiveCgroups.class)
class BadInputLiveTest {
    private static final List<String> HIERARCHIES = List.of("pids", "memory", "cpu", "freezer", "unified");

    @TempDir
    Path tmp;
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Path> groups = new ArrayList<>();
    private String name;
    private long pid;
    private CliHost host;

    @BeforeEach
    void groups(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        name = LiveCgroups.newName();
        for (String h : HIERARCHIES) {
            Path mount = LiveCgroups.CGROUP_ROOT.resolve(h);
            if (java.nio.file.Files.exists(mount.resolve("cgroup.procs"))) {
                groups.add(live.mkdir(mount, name));
            }
        }
        LiveCgroups.assumeHierarchy(LiveCgroups.CGROUP_ROOT.resolve("pids"));
        Process sleeper = live.start("sleep", "600");
        pid = sleeper.pid();
        live.moveInto(LiveCgroups.CGROUP_ROOT.resolve("pids").resolve(name), pid);
        CgroupFs fs = CgroupFs.live();
        fs.setWriteObserver(new CgroupFs.WriteObserver() {
            @Override
            public void beforeWrite(Path file, String value) {
                seen.add("write " + file + "=" + value);
                throw new IllegalStateException("bad input reached the kernel: " + file + "=" + value);
            }

            @Override
            public void beforeDirectoryChange(KernelException.Op op, Path dir) {
                seen.add(op + " " + dir);
                throw new IllegalStateException("bad input reached the kernel: " + op + " " + dir);
            }
        });
        host = new CliHost(fs, new ProcTasks(ProcFs.live()), Optional.of(new Journal(tmp.resolve("journal.jsonl"))));
    }

    @ParameterizedTest(name = "live move PID \"{0}\"")
    @MethodSource("io.corral.app.cli.BadInputTable#pids")
    void badPids(String bad, String reason) {
        refused(reason, "move", "pids:/" + name, Long.toString(pid), bad);
    }

    @ParameterizedTest(name = "live set {0}")
    @MethodSource("io.corral.app.cli.BadInputTable#limits")
    void badLimits(String setting, String reason) {
        refused(reason, "set", "/" + name, "pids.max=64", setting);
    }

    /** Names, each below the test group so that even a broken validator could not touch anything else. */
    @ParameterizedTest(name = "live mkdir \"{0}\"")
    @MethodSource("io.corral.app.cli.BadInputTable#names")
    void badNames(String group, String reason) {
        refused(reason, "mkdir", group.replace(BadInputTable.G, name));
    }

    @ParameterizedTest(name = "live rmdir \"{0}\"")
    @MethodSource("io.corral.app.cli.BadInputTable#names")
    void badNamesForRemoval(String group, String reason) {
        refused(reason, "rmdir", group.replace(BadInputTable.G, name));
    }

    private void refused(String reason, String... args) {
        List<List<String>> before = groups.stream().map(g -> TreeDigest.of(g, true)).toList();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = CorralCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), host);
        BadInputTable.assertRefused(reason, rc, e.toString(StandardCharsets.UTF_8), seen);
        assertEquals(before, groups.stream().map(g -> TreeDigest.of(g, true)).toList(), "group files changed");
    }
}
