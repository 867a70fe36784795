package io.corral.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.testing.LiveCgroups;
import io.corral.model.testing.LiveUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real console (headless Monocle) as a throw-away normal user, in its own JVM: a
 * cgroup2 subtree {@code corral-test-*} with children a and b is delegated to the user the
 * systemd way (the directory and its cgroup.procs, cgroup.subtree_control, cgroup.threads);
 * another corral-test group stays root's. The console's probe mode ({@code
 * -Dcorral.probe}) reads the group actions' states off its own toolbar: read-only with the
 * reason on root's group, enabled in the delegated subtree; a move of the user's process
 * from a to b is allowed by the drop's verdict and lands in the kernel; with a sudoers rule
 * for the helper, administrative access (as File > Administrative access turns it on)
 * enables the actions on root's group and a group created there through the helper exists,
 * owned by root. Also: the console started as root with SUDO_UID set starts again as that
 * user.
 */
@ExtendWith({LiveCgroups.class, LiveUsers.class})
class ConsoleAsUserLiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HEADLESS = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true", "-Dcorral.interval=300",
            "-XX:-UsePerfData", "-XX:+UseSerialGC");
    private static Path cpDir;
    private static String classpath;

    private LiveUsers.User user;
    private Path unified;
    private Path home;
    private String delegated;
    private String rootOwned;
    private long pid;

    @BeforeAll
    static void classpath() throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            cpDir = ChildJvm.newReadableDir();
            classpath = ChildJvm.readableClasspath(cpDir, e -> !e.toString().endsWith("test-classes"));
        }
    }

    @AfterAll
    static void removeClasspath() throws Exception {
        if (cpDir != null) {
            ChildJvm.deleteTree(cpDir);
        }
    }

    @BeforeEach
    void delegate(LiveCgroups lc, LiveUsers users) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveUsers.assumeRoot();
        unified = LiveCgroups.CGROUP_ROOT.resolve("unified");
        LiveCgroups.assumeHierarchy(unified);
        user = users.create();
        home = ChildJvm.newReadableDir();
        LiveUsers.exec(List.of("chown", user.uid() + ":" + user.gid(), home.toString()));
        delegated = LiveCgroups.newName();
        rootOwned = LiveCgroups.newName();
        Path d = lc.mkdir(unified, delegated);
        lc.mkdir(unified, delegated + "/a");
        lc.mkdir(unified, delegated + "/b");
        lc.mkdir(unified, rootOwned);
        LiveUsers.delegate(d, user.uid(), user.gid(), d.resolve("a"), d.resolve("b"));
        List<String> sleep = new ArrayList<>(user.setpriv());
        sleep.addAll(List.of("sleep", "300"));
        pid = lc.start(sleep.toArray(new String[0])).pid();
        for (int i = 0; i < 200 && !Files.readString(Path.of("/proc/" + pid + "/comm")).trim().equals("sleep"); i++) {
            Thread.sleep(10);
        }
        lc.moveInto(d.resolve("a"), pid);
    }

    @org.junit.jupiter.api.AfterEach
    void removeHome() throws Exception {
        if (home != null) {
            ChildJvm.deleteTree(home);
        }
    }

    private List<String> java(Path probe, String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "HOME=" + home, "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                "CORRAL_JOURNAL=none", ChildJvm.java()));
        cmd.addAll(HEADLESS);
        cmd.addAll(List.of("-Duser.home=" + home, "-Dcorral.probe=" + probe, "-cp", classpath, "io.corral.app.Launcher"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private List<String> asUser(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("setsid", "--wait"));
        cmd.addAll(user.setpriv());
        cmd.addAll(command);
        return cmd;
    }

    private static JsonNode probeLine(LiveUsers.Run r) throws Exception {
        for (String line : r.out().split("\n")) {
            if (line.startsWith("CORRAL-PROBE ")) {
                return JSON.readTree(line.substring("CORRAL-PROBE ".length()));
            }
        }
        throw new AssertionError("no probe output (exit " + r.rc() + "):\n" + r.out() + "\n" + r.err());
    }

    private Path probeFile(String json) throws Exception {
        Path f = home.resolve("probe.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        return f;
    }

    private String groupOf(long p) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + p + "/cgroup"))) {
            if (line.startsWith("0::")) {
                return line.substring(3);
            }
        }
        return "?";
    }

    @Test
    void readOnlyOutsideTheDelegationWritableInsideAndThroughSudoBeyond(LiveCgroups lc, LiveUsers users)
            throws Exception {
        LiveUsers.Run rule = LiveUsers.exec(asUser(List.of("env", "HOME=" + home, ChildJvm.java(), "-XX:-UsePerfData",
                "-cp", classpath, "io.corral.app.Launcher", "privileges", "--sudoers")));
        assertEquals(0, rule.rc(), rule.err());
        users.sudoers(user, rule.out().trim());
        lc.track(unified.resolve(rootOwned).resolve("made-by-helper"));
        String u = "unified:/";
        Path probe = probeFile("{\"groups\":[\"" + u + rootOwned + "\",\"" + u + delegated + "\",\"" + u + delegated
                + "/a\"],\"move\":{\"pid\":" + pid + ",\"from\":\"" + u + delegated + "/a\",\"to\":\"" + u + delegated
                + "/b\"},\"admin\":\"sudo\",\"create\":{\"parent\":\"" + u + rootOwned + "\",\"name\":\"made-by-helper\"}}");

        LiveUsers.Run r = LiveUsers.exec(asUser(java(probe)));
        JsonNode p = probeLine(r);
        System.out.println("console as " + user.name() + ": " + p);
        assertEquals(0, r.rc(), r.err());
        assertEquals(user.uid(), p.path("uid").asInt());
        assertTrue(p.path("status").asText().startsWith("delegated: "), p.toString());

        JsonNode root = p.path("groups").path(u + rootOwned);
        assertTrue(root.path("shown").asBoolean(), root.toString());
        assertFalse(root.path("new-group").path("enabled").asBoolean(true), root.toString());
        assertTrue(root.path("new-group").path("reason").asText().contains("not delegated to you"), root.toString());
        assertFalse(root.path("freeze").path("enabled").asBoolean(true), root.toString());
        assertFalse(root.path("freeze").path("reason").asText().isBlank(), root.toString());

        JsonNode mine = p.path("groups").path(u + delegated + "/a");
        assertTrue(mine.path("new-group").path("enabled").asBoolean(), mine.toString());
        assertTrue(mine.path("freeze").path("enabled").asBoolean(), mine.toString());

        assertTrue(p.path("move").path("allowed").asBoolean(), p.toString());
        assertEquals("APPLIED", p.path("move").path("outcome").asText(), p.toString());
        assertEquals("/" + delegated + "/b", groupOf(pid), "the move landed in the kernel");

        JsonNode admin = p.path("admin");
        assertEquals("administrative access (helper via sudo)", admin.path("status").asText(), admin.toString());
        assertTrue(admin.path("groups").path(u + rootOwned).path("new-group").path("enabled").asBoolean(),
                admin.toString());
        assertEquals("APPLIED", admin.path("create").path("outcome").asText(), admin.toString());
        Path made = unified.resolve(rootOwned).resolve("made-by-helper");
        assertTrue(Files.isDirectory(made), "created through the helper");
        assertEquals(0, (int) Files.getAttribute(made, "unix:uid"), "by root, for the user");
    }

    @Test
    void startedAsRootThroughSudoTheConsoleRunsAsTheUser() throws Exception {
        Path probe = probeFile("{\"groups\":[\"unified:/" + rootOwned + "\"]}");
        LiveUsers.Run r = LiveUsers.exec(withSudoEnv(java(probe)));
        JsonNode p = probeLine(r);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.err().contains("started as root through sudo by " + user.name() + " (uid " + user.uid()
                + "): the console runs as " + user.name()), r.err());
        assertEquals(user.uid(), p.path("uid").asInt(), "the re-executed console runs as the user: " + p);
        assertFalse(p.path("groups").path("unified:/" + rootOwned).path("new-group").path("enabled").asBoolean(true),
                p.toString());

        LiveUsers.Run asRoot = LiveUsers.exec(withSudoEnv(java(probe, "--as-root")));
        JsonNode q = probeLine(asRoot);
        assertEquals(0, q.path("uid").asInt(), "--as-root keeps root: " + q);
        assertEquals("running as root: changes apply to the live kernel", q.path("status").asText());
    }

    /** As root, with the variables sudo sets for the user who ran it. */
    private List<String> withSudoEnv(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("setsid", "--wait", "env", "SUDO_UID=" + user.uid(),
                "SUDO_GID=" + user.gid()));
        cmd.addAll(command);
        return cmd;
    }
}
