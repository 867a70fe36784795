package io.corral.app.cli;

import io.corral.model.command.Command;
import io.corral.model.command.CommandResult;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.privilege.Escalation;
import io.corral.model.privilege.HelperClient;
import io.corral.model.testing.LiveCgroups;
import io.corral.model.testing.LiveUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * id maps through the real helper process acting for a throw-away user (SUDO_UID and
 * SUDO_GID set as sudo sets them): the user's own process in its own new user namespace
 * gets a map onto the user's uid, written by the root helper; a map onto host root, and a
 * map of a process that is not the user's, are refused as NOT_PERMITTED and the kernel's
 * uid_map stays empty.
 */
@ExtendWith({LiveCgroups.class, LiveUsers.class})
class HelperIdMapLiveTest {
    @TempDir
    Path tmp;
    private LiveUsers.User user;

    @BeforeEach
    void user(LiveUsers users) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveUsers.assumeRoot();
        user = users.create();
    }

    /** {@code unshare --user sleep 300} (as {@code prefix}), once it is in its new user namespace. */
    private long inNewUserNamespace(LiveCgroups lc, List<String> prefix) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("unshare", "--user", "sleep", "300"));
        long pid = lc.start(cmd.toArray(new String[0])).pid();
        Path ours = Files.readSymbolicLink(Path.of("/proc/self/ns/user"));
        for (int i = 0; i < 300; i++) {
            if (Files.readString(Path.of("/proc/" + pid + "/comm")).trim().equals("sleep")
                    && !Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/user")).equals(ours)) {
                return pid;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " did not reach its new user namespace");
    }

    private static String uidMap(long pid) throws Exception {
        return Files.readString(Path.of("/proc/" + pid + "/uid_map")).trim().replaceAll("\\s+", " ");
    }

    @Test
    void theHelperMapsOnlyTheUsersOwnProcessOntoTheUsersOwnId(LiveCgroups lc) throws Exception {
        long mine = inNewUserNamespace(lc, user.setpriv());
        long roots = inNewUserNamespace(lc, List.of());
        try (HelperClient helper = HelperClient.start(Escalation.NONE, ChildJvm.corral(System.getProperty(
                "java.class.path"), "helper"), Map.of("SUDO_UID", Integer.toString(user.uid()), "SUDO_GID",
                Integer.toString(user.gid()), "XDG_DATA_HOME", tmp.toString()))) {
            CommandResult toRoot = helper.run(new Command.WriteIdMap(mine, IdMapKind.UID, IdMap.parse("0 0 1")));
            String m = assertInstanceOf(CommandResult.Rejected.class, toRoot).failure().message();
            assertTrue(m.contains("(NOT_PERMITTED)") && m.contains("outside ids 0-0 are not yours"), m);
            assertEquals("", uidMap(mine), "nothing written");

            CommandResult notTheirs = helper.run(new Command.WriteIdMap(roots, IdMapKind.UID,
                    IdMap.parse("0 " + user.uid() + " 1")));
            String n = assertInstanceOf(CommandResult.Rejected.class, notTheirs).failure().message();
            assertTrue(n.contains("runs as uid 0, not as you (uid " + user.uid() + ")"), n);
            assertEquals("", uidMap(roots), "nothing written");

            CommandResult own = helper.run(new Command.WriteIdMap(mine, IdMapKind.UID,
                    IdMap.parse("0 " + user.uid() + " 1")));
            assertInstanceOf(CommandResult.Applied.class, own, own.toString());
            assertEquals("0 " + user.uid() + " 1", uidMap(mine));
        }
    }
}
