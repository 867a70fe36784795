package io.corral.app.cli;

import io.corral.model.testing.LiveCgroups;
import io.corral.model.testing.LiveUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI as a normal user on the live kernel: a {@code corral-test-*} cgroup2 subtree is
 * delegated to {@code corral-test-user} (created for the test if absent, removed after) the
 * way systemd does it (chown of the directory and its cgroup.procs, cgroup.subtree_control,
 * cgroup.threads). The user moves its own process within the subtree and creates groups in
 * it; outside it, it is refused with the reason and nothing changes; {@code corral
 * privileges} says the same before anything is tried.
 */
@ExtendWith(LiveCgroups.class)
class DelegationLiveTest {
    static final String USER = "corral-test-user";
    private static boolean createdUser;
    private static Path cpDir;
    private static String classpath;
    private static String uid;
    private static String gid;

    private Path unified;
    private String name;
    private String other;
    private long pid;

    record Run(int rc, String out, String err) {
    }

    static Run exec(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CORRAL_JOURNAL", "none");
        pb.environment().put("HOME", "/tmp");
        Path out = Files.createTempFile("corral-test-out", ".txt");
        Path err = Files.createTempFile("corral-test-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @BeforeAll
    static void user() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        if (exec(List.of("id", "-u", USER)).rc() != 0) {
            Run r = exec(List.of("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
            assertEquals(0, r.rc(), r.err());
            createdUser = true;
        }
        uid = exec(List.of("id", "-u", USER)).out().trim();
        gid = exec(List.of("id", "-g", USER)).out().trim();
        cpDir = ChildJvm.newReadableDir();
        classpath = ChildJvm.readableClasspath(cpDir);
    }

    @AfterAll
    static void removeUser() throws Exception {
        if (cpDir != null) {
            ChildJvm.deleteTree(cpDir);
        }
        if (createdUser) {
            exec(List.of("userdel", USER));
        }
    }

    private List<String> asUser(String... command) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups"));
        cmd.addAll(List.of(command));
        return cmd;
    }

    private Run corral(String... args) throws Exception {
        List<String> cmd = asUser(ChildJvm.java(), "-XX:-UsePerfData", "-Duser.home=/tmp", "-cp", classpath, "io.corral.app.Launcher");
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    private String groupOf(long p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + p + "/cgroup"), StandardCharsets.UTF_8)) {
            if (line.startsWith("0::")) {
                return line.substring(3);
            }
        }
        return "?";
    }

    @BeforeEach
    void delegate(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeLiveKernel();
        unified = LiveCgroups.CGROUP_ROOT.resolve("unified");
        LiveCgroups.assumeHierarchy(unified);
        name = LiveCgroups.newName();
        other = LiveCgroups.newName();
        Path g = lc.mkdir(unified, name);
        lc.mkdir(unified, name + "/a");
        lc.mkdir(unified, name + "/b");
        lc.mkdir(unified, other);
        LiveUsers.delegate(g, Integer.parseInt(uid), Integer.parseInt(gid), g.resolve("a"), g.resolve("b"));
        Process sleeper = lc.start(asUser("sleep", "300").toArray(new String[0]));
        pid = sleeper.pid();
        for (int i = 0; i < 100 && !Files.readString(Path.of("/proc/" + pid + "/comm")).trim().equals("sleep"); i++) {
            Thread.sleep(10); // setpriv has not exec'd sleep yet
        }
        lc.moveInto(g.resolve("a"), pid);
        assertEquals("/" + name + "/a", groupOf(pid));
    }

    @Test
    void theUserMovesItsProcessWithinItsDelegatedSubtree() throws Exception {
        Run r = corral("move", "unified:/" + name + "/b", Long.toString(pid));
        assertEquals(0, r.rc(), r.err());
        assertEquals("/" + name + "/b", groupOf(pid));
    }

    @Test
    void theUserIsRefusedOutsideWithTheReasonAndNothingChanges() throws Exception {
        Run r = corral("move", "unified:/" + other, Long.toString(pid));
        assertNotEquals(0, r.rc());
        assertTrue(r.err().contains("permission denied") && r.err().contains("common ancestor"), r.err());
        assertEquals("/" + name + "/a", groupOf(pid), "the process stayed");
        assertEquals("", Files.readString(unified.resolve(other).resolve("cgroup.procs")).trim());
    }

    @Test
    void theUserCreatesGroupsInsideButNotOutside() throws Exception {
        Run inside = corral("mkdir", "unified:/" + name + "/c");
        assertEquals(0, inside.rc(), inside.err());
        assertTrue(Files.isDirectory(unified.resolve(name).resolve("c")));
        Run outside = corral("mkdir", "unified:/" + other + "/x");
        assertNotEquals(0, outside.rc());
        assertTrue(outside.err().contains("permission denied: cannot create group"), outside.err());
        assertFalse(Files.exists(unified.resolve(other).resolve("x")));
    }

    @Test
    void theTreeAsANormalUserReportsUnreadableFilesAndGoesOn() throws Exception {
        Path procs = unified.resolve(other).resolve("cgroup.procs");
        Files.setPosixFilePermissions(procs, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Run r = corral("tree", "unified:/" + other);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains(other), "the group is still shown: " + r.out());
        assertTrue(r.err().contains("could not read") && r.err().contains(procs.toString())
                && r.err().contains("EACCES"), r.err());
    }

    @Test
    void privilegesSaysWhatTheUserMayDoAndWhyNot() throws Exception {
        Run inside = corral("privileges", "unified:/" + name + "/b", "--pid", Long.toString(pid));
        assertEquals(0, inside.rc(), inside.err());
        assertTrue(inside.out().contains("uid " + uid + ": only what is delegated to you"), inside.out());
        assertTrue(inside.out().contains("move " + pid + " into it: yes"), inside.out());
        assertTrue(inside.out().contains("create or remove child groups: yes"), inside.out());
        Run outside = corral("privileges", "unified:/" + other, "--pid", Long.toString(pid));
        assertEquals(0, outside.rc(), outside.err());
        assertTrue(outside.out().contains("move " + pid + " into it: no — cannot move into unified:/" + other),
                outside.out());
        assertTrue(outside.out().contains("create or remove child groups: no — ") && outside.out().contains(
                "not delegated to you"), outside.out());
    }
}
