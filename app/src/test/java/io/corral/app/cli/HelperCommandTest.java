package io.corral.app.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Under pkexec or sudo the helper ignores CORRAL_JOURNAL (a root process must not append where the user says). */
class HelperCommandTest {
    @Test
    void escalationIsRecognisedFromPkexecAndSudo() {
        assertTrue(HelperCommand.escalated(Map.of("PKEXEC_UID", "1000", "CORRAL_JOURNAL", "/etc/passwd")));
        assertTrue(HelperCommand.escalated(Map.of("SUDO_UID", "1000")));
        assertFalse(HelperCommand.escalated(Map.of("CORRAL_JOURNAL", "/tmp/j.jsonl")));
    }
}
