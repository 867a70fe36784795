package io.corral.app.cli;

import io.corral.model.privilege.Escalation;
import io.corral.model.privilege.EscalationAvailability;
import io.corral.model.testing.LiveCgroups;
import io.corral.model.testing.LiveUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code corral --admin sudo} end to end, as a throw-away user on the live kernel: a
 * sudoers drop-in (the rule {@code corral privileges --sudoers} prints, checked by
 * {@code visudo -cf}) lets exactly that user run exactly the helper without a password;
 * the user's CLI creates a corral-test group through it, sets a limit, moves a process the
 * user started and removes the group, and the kernel shows each step. Without the drop-in
 * sudo refuses and the CLI says so and what to do; without the flag the refusal names the
 * flag; pkexec is refused up front where polkit cannot be reached. Every CLI runs in its
 * own session (setsid), so sudo never finds a terminal to prompt on.
 */
@ExtendWith({LiveCgroups.class, LiveUsers.class})
class EscalationLiveTest {
    private static Path cpDir;
    private static String classpath;

    private LiveUsers.User user;
    private Path pids;

    @BeforeAll
    static void classpath() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        cpDir = ChildJvm.newReadableDir();
        classpath = ChildJvm.readableClasspath(cpDir);
    }

    @AfterAll
    static void removeClasspath() throws Exception {
        if (cpDir != null) {
            ChildJvm.deleteTree(cpDir);
        }
    }

    @BeforeEach
    void user(LiveUsers users) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveUsers.assumeRoot();
        pids = LiveCgroups.CGROUP_ROOT.resolve("pids");
        LiveCgroups.assumeHierarchy(pids);
        user = users.create();
    }

    /** {@code corral ARGS} as the test user, in a new session, without a terminal. */
    private LiveUsers.Run corral(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setsid", "--wait"));
        cmd.addAll(user.setpriv());
        cmd.addAll(List.of("env", "HOME=/tmp", "CORRAL_JOURNAL=none", "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                ChildJvm.java(), "-XX:-UsePerfData", "-cp", classpath, "io.corral.app.Launcher"));
        cmd.addAll(List.of(args));
        return LiveUsers.exec(cmd);
    }

    private void allowTheHelper(LiveUsers users) throws Exception {
        LiveUsers.Run rule = corral("privileges", "--sudoers");
        assertEquals(0, rule.rc(), rule.err());
        assertTrue(rule.out().startsWith(user.name() + " ALL=(root) NOPASSWD: /"), rule.out());
        users.sudoers(user, rule.out().trim());
    }

    private long sleeperOfTheUser(LiveCgroups lc) throws Exception {
        List<String> cmd = new ArrayList<>(user.setpriv());
        cmd.addAll(List.of("sleep", "300"));
        Process p = lc.start(cmd.toArray(new String[0]));
        for (int i = 0; i < 200 && !Files.readString(Path.of("/proc/" + p.pid() + "/comm")).trim().equals("sleep"); i++) {
            Thread.sleep(10); // setpriv has not exec'd sleep yet
        }
        return p.pid();
    }

    @Test
    void throughSudoTheUserCreatesSetsMovesAndRemoves(LiveCgroups lc, LiveUsers users) throws Exception {
        allowTheHelper(users);
        String name = LiveCgroups.newName();
        Path g = pids.resolve(name);
        lc.track(g);
        String group = "pids:/" + name;

        LiveUsers.Run mkdir = corral("--admin", "sudo", "mkdir", group);
        assertEquals(0, mkdir.rc(), mkdir.err());
        assertTrue(Files.isDirectory(g), "the helper created it");
        assertEquals(0, (int) Files.getAttribute(g, "unix:uid"), "created by root, not by the user");

        LiveUsers.Run set = corral("--admin", "sudo", "set", group, "pids.max=42");
        assertEquals(0, set.rc(), set.err());
        assertEquals("42", Files.readString(g.resolve("pids.max")).trim());

        long pid = sleeperOfTheUser(lc);
        LiveUsers.Run move = corral("--admin", "sudo", "move", group, Long.toString(pid));
        assertEquals(0, move.rc(), move.err());
        assertEquals(Long.toString(pid), Files.readString(g.resolve("cgroup.procs")).trim());

        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        for (int i = 0; i < 200 && !Files.readString(g.resolve("cgroup.procs")).isBlank(); i++) {
            Thread.sleep(10);
        }
        LiveUsers.Run rmdir = corral("--admin", "sudo", "rmdir", group);
        assertEquals(0, rmdir.rc(), rmdir.err());
        assertFalse(Files.exists(g), "the helper removed it");
    }

    /**
     * A launch into a group of root's, in new uts and ipc namespaces (which only root may
     * make): the helper places it and makes the namespaces, the command runs as the user.
     */
    @Test
    void throughSudoTheUserLaunchesIntoRootsGroupAndTheCommandRunsAsTheUser(LiveCgroups lc, LiveUsers users)
            throws Exception {
        allowTheHelper(users);
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(pids, name);
        LiveUsers.Run r = corral("--admin", "sudo", "launch", "--ns", "uts,ipc", "pids:/" + name, "--", "sleep", "300");
        assertEquals(0, r.rc(), r.out() + r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("started process (\\d+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        long pid = Long.parseLong(m.group(1));
        for (int i = 0; i < 200 && !Files.readString(Path.of("/proc/" + pid + "/comm")).trim().equals("sleep"); i++) {
            Thread.sleep(10);
        }
        assertTrue(Files.readString(g.resolve("cgroup.procs")).lines().anyMatch(l -> l.equals(Long.toString(pid))),
                "in root's group");
        String uid = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("Uid:"))
                .findFirst().orElseThrow().substring(4).trim().split("\\s+")[0];
        assertEquals(Integer.toString(user.uid()), uid, "the command runs as the user, not as root");
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/uts")),
                Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/uts")), "in a new uts namespace");
    }

    @Test
    void withoutASudoersRuleSudoRefusesAndNothingChanges(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(pids, name);
        LiveUsers.Run r = corral("--admin", "sudo", "set", "pids:/" + name, "pids.max=5");
        assertNotEquals(0, r.rc());
        assertTrue(r.err().contains("administrative access failed (HELPER_UNAVAILABLE): sudo did not start the helper")
                && r.err().contains("corral privileges --sudoers"), r.err());
        assertEquals("max", Files.readString(g.resolve("pids.max")).trim());
    }

    @Test
    void aRefusedWriteWithoutTheFlagNamesTheFlag(LiveCgroups lc) throws Exception {
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(pids, name);
        LiveUsers.Run r = corral("set", "pids:/" + name, "pids.max=5");
        assertEquals(ResultPrinter.REFUSED, r.rc(), r.err());
        assertTrue(r.err().contains("permission denied"), r.err());
        assertTrue(r.err().contains("uid " + user.uid() + " may not make this change; with administrative access: "
                + "corral --admin sudo set pids:/" + name + " pids.max=5"), r.err());
        assertEquals("max", Files.readString(g.resolve("pids.max")).trim());
    }

    @Test
    void privilegesTellsWhichEscalationCanWorkHere() throws Exception {
        LiveUsers.Run r = corral("privileges");
        assertEquals(0, r.rc(), r.err());
        EscalationAvailability here = EscalationAvailability.live();
        assertTrue(r.out().contains("administrative access through " + here.of(Escalation.SUDO)), r.out());
        assertTrue(r.out().contains("administrative access through " + here.of(Escalation.PKEXEC)), r.out());
    }

    @Test
    void pkexecWithoutPolkitIsRefusedUpFrontWithTheReason(LiveCgroups lc) throws Exception {
        EscalationAvailability.Availability pkexec = EscalationAvailability.live().of(Escalation.PKEXEC);
        if (pkexec.usable()) {
            System.out.println("SKIPPED pkexec refusal test: pkexec can work here (" + pkexec.reason() + ")");
        }
        Assumptions.assumeFalse(pkexec.usable(), "pkexec is usable here");
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(pids, name);
        LiveUsers.Run r = corral("--admin", "pkexec", "set", "pids:/" + name, "pids.max=5");
        assertEquals(ResultPrinter.REFUSED, r.rc(), r.err());
        assertTrue(r.err().contains("--admin pkexec cannot work here: " + pkexec.reason()), r.err());
        assertEquals("max", Files.readString(g.resolve("pids.max")).trim());
    }

    /**
     * Where polkitd runs: the test user has no polkit rule and no agent, so pkexec refuses
     * (status 127) and the CLI says pkexec did not start the helper; nothing changes.
     */
    @Test
    void throughPkexecWithoutAnAgentTheRefusalSaysSo(LiveCgroups lc) throws Exception {
        EscalationAvailability.Availability pkexec = EscalationAvailability.live().of(Escalation.PKEXEC);
        if (!pkexec.usable()) {
            System.out.println("SKIPPED pkexec end-to-end test: " + pkexec.reason());
        }
        Assumptions.assumeTrue(pkexec.usable(), "pkexec unavailable: " + pkexec.reason());
        String name = LiveCgroups.newName();
        Path g = lc.mkdir(pids, name);
        LiveUsers.Run r = corral("--admin", "pkexec", "set", "pids:/" + name, "pids.max=5");
        assertEquals(ResultPrinter.REFUSED, r.rc(), r.err());
        assertTrue(r.err().contains("pkexec did not start the helper"), r.err());
        assertEquals("max", Files.readString(g.resolve("pids.max")).trim());
    }
}
