package io.corral.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Environment in, decision out: when the console starts again as the user who asked for root. */
class RootConsoleTest {
    @TempDir
    Path dir;
    private Path passwd;

    @BeforeEach
    void passwd() throws Exception {
        passwd = dir.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1001:1001::/home/alice:/bin/bash\n"
                + "bob:x:1002:100::/home/bob:/bin/sh\n");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a normal user", 1001, Map.of("SUDO_UID", "1002"), false, RootConsole.Kind.RUN, -1, -1),
                Arguments.of("root login", 0, Map.of(), false, RootConsole.Kind.RUN_AS_ROOT, -1, -1),
                Arguments.of("sudo by alice", 0, Map.of("SUDO_UID", "1001", "SUDO_GID", "1001"), false,
                        RootConsole.Kind.REEXEC, 1001, 1001),
                Arguments.of("sudo by alice, --as-root", 0, Map.of("SUDO_UID", "1001"), true,
                        RootConsole.Kind.RUN_AS_ROOT, -1, -1),
                Arguments.of("pkexec by bob (gid from passwd)", 0, Map.of("PKEXEC_UID", "1002"), false,
                        RootConsole.Kind.REEXEC, 1002, 100),
                Arguments.of("pkexec wins over a stale SUDO_UID", 0, Map.of("PKEXEC_UID", "1002", "SUDO_UID", "1001",
                        "SUDO_GID", "1001"), false, RootConsole.Kind.REEXEC, 1002, 100),
                Arguments.of("sudo by root", 0, Map.of("SUDO_UID", "0", "SUDO_GID", "0"), false,
                        RootConsole.Kind.RUN_AS_ROOT, -1, -1),
                Arguments.of("a uid nobody has", 0, Map.of("SUDO_UID", "4242"), false, RootConsole.Kind.RUN_AS_ROOT,
                        -1, -1),
                Arguments.of("garbage in SUDO_UID", 0, Map.of("SUDO_UID", "1001; rm -rf /"), false,
                        RootConsole.Kind.RUN_AS_ROOT, -1, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String what, int euid, Map<String, String> env, boolean asRoot, RootConsole.Kind kind, int uid,
                 int gid) {
        RootConsole.Decision d = RootConsole.decide(euid, env, asRoot, passwd);
        assertEquals(kind, d.kind(), d.reason());
        if (kind == RootConsole.Kind.REEXEC) {
            assertEquals(uid, d.user().orElseThrow().uid());
            assertEquals(gid, d.user().orElseThrow().gid());
            assertTrue(d.reason().contains("--as-root"), d.reason());
        }
    }

    @Test
    void theReexecKeepsTheDisplayAndResetsEverythingElse() {
        RootConsole.Decision d = RootConsole.decide(0, Map.of("SUDO_UID", "1001", "SUDO_GID", "1001"), false, passwd);
        List<String> cmd = RootConsole.command(d.user().orElseThrow(), Map.of("DISPLAY", ":1", "XAUTHORITY",
                "/home/alice/.Xauthority", "LD_PRELOAD", "/tmp/evil.so", "SUDO_UID", "1001"), "/usr/bin/java",
                List.of("-Xmx512m", "-agentlib:jdwp=transport=dt_socket"), "/opt/corral/lib/a.jar");
        assertEquals(List.of("setpriv", "--reuid=1001", "--regid=1001", "--init-groups", "--reset-env", "env",
                "DISPLAY=:1", "XAUTHORITY=/home/alice/.Xauthority", "/usr/bin/java", "-Xmx512m", "-cp",
                "/opt/corral/lib/a.jar", "io.corral.app.Launcher"), cmd);
    }
}
