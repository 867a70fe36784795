package io.corral.model.privilege;

import io.corral.model.command.Command;
import io.corral.model.command.CommandResult;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.CgroupVersion;
import io.corral.model.command.GroupRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A helper that ends without answering is explained by who ended it: sudo refusing (its
 * words quoted), pkexec cancelled, a signal, or a plain exit; and half an answer (a helper
 * killed while writing it) is never taken for one.
 */
class HelperExitTest {
    static Stream<Arguments> exits() {
        return Stream.of(
                Arguments.of(Escalation.SUDO, 1, List.of("sudo: a terminal is required to read the password",
                        "sudo: a password is required"), "sudo did not start the helper: \"sudo: a password is required\""),
                Arguments.of(Escalation.SUDO, 1, List.of("Sorry, user bob is not allowed to execute '/usr/bin/java -cp x"
                        + " io.corral.app.Launcher helper' as root on host."), "sudo did not start the helper: \"Sorry, user bob"),
                Arguments.of(Escalation.SUDO, 1, List.of("Exception in thread \"main\" java.lang.Error"),
                        "the helper ended with status 1 before answering: \"Exception in thread"),
                Arguments.of(Escalation.PKEXEC, 126, List.of(), "pkexec did not start the helper (authentication "
                        + "cancelled or refused, status 126)"),
                Arguments.of(Escalation.PKEXEC, 127, List.of("Error executing command as another user: Not authorized"),
                        "pkexec did not start the helper (authentication cancelled or refused, status 127): \"Error"),
                Arguments.of(Escalation.NONE, 137, List.of(), "the helper was killed (signal 9) while the request was "
                        + "outstanding"),
                Arguments.of(Escalation.SUDO, 143, List.of(), "the helper was killed (signal 15)"),
                Arguments.of(Escalation.NONE, 126, List.of(), "the helper ended with status 126 before answering"),
                Arguments.of(Escalation.NONE, 2, List.of("bad\u001b[31m"), "status 2 before answering: \"bad\\x1b[31m\""));
    }

    @ParameterizedTest
    @MethodSource("exits")
    void theMessageSaysWhoEndedTheHelper(Escalation how, int status, List<String> stderr, String expected) {
        String m = HelperExit.explain(how, Optional.of(status), stderr);
        assertTrue(m.contains(expected), m);
    }

    @Test
    void anAnswerCutOffMidLineIsNotTakenForOne() {
        Hierarchy pids = new Hierarchy("pids", CgroupVersion.V1, List.of("pids"), "/sys/fs/cgroup/pids", "/");
        Command thaw = new Command.Thaw(new GroupRef(pids, GroupPath.ofKernel("/corral-test-a")));
        byte[] half = "{\"id\":1,\"outcome\":\"applied\",\"steps\":[{\"what\":\"tha".getBytes(StandardCharsets.UTF_8);
        try (HelperClient c = new HelperClient(new ByteArrayInputStream(half), new ByteArrayOutputStream())) {
            CommandResult r = c.run(thaw);
            String m = assertInstanceOf(CommandResult.Rejected.class, r).failure().message();
            assertTrue(m.contains("HELPER_UNAVAILABLE") && m.contains("cut off mid-line"), m);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
