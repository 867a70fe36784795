package io.corral.model.privilege;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sudo and pkexec on a fixture root: usable only when on PATH and setuid root; pkexec also
 * only with the system bus socket polkit is reached through. (Root-owned setuid files can
 * be made only as root: skipped otherwise, with the reason.)
 */
class EscalationAvailabilityTest {
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");
    @TempDir
    Path root;

    @BeforeEach
    void asRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            System.out.println("SKIPPED escalation fixture test: setuid-root files need root to make");
        }
        Assumptions.assumeTrue(root, "not root");
    }

    private void program(String name, String mode) throws IOException {
        Path p = root.resolve("usr/bin").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        Files.setAttribute(p, "unix:mode", Integer.parseInt(mode, 8));
    }

    private void bus() throws IOException {
        Path s = root.resolve("run/dbus/system_bus_socket");
        Files.createDirectories(s.getParent());
        Files.createFile(s);
    }

    @Test
    void setuidSudoIsUsable() throws Exception {
        program("sudo", "4755");
        EscalationAvailability a = new EscalationAvailability(root, PATH);
        assertTrue(a.of(Escalation.SUDO).usable(), a.of(Escalation.SUDO).toString());
        assertEquals(List.of(Escalation.SUDO), a.usable());
    }

    @Test
    void pkexecWithoutTheSystemBusIsUnusableAndSaysWhy() throws Exception {
        program("pkexec", "4755");
        EscalationAvailability.Availability p = new EscalationAvailability(root, PATH).of(Escalation.PKEXEC);
        assertFalse(p.usable());
        assertTrue(p.reason().contains("polkit needs the system D-Bus, and /run/dbus/system_bus_socket does not exist"),
                p.reason());
        bus();
        assertTrue(new EscalationAvailability(root, PATH).of(Escalation.PKEXEC).usable());
    }

    @Test
    void theBusAddressFromTheEnvironmentIsTheOneChecked() throws Exception {
        program("pkexec", "4755");
        bus();
        EscalationAvailability.Availability p = new EscalationAvailability(root, Map.of("PATH", "/usr/bin",
                "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/var/run/elsewhere")).of(Escalation.PKEXEC);
        assertFalse(p.usable());
        assertTrue(p.reason().contains("/var/run/elsewhere does not exist"), p.reason());
    }

    @Test
    void notInstalledOrNotSetuidIsUnusableAndSaysWhich() throws Exception {
        EscalationAvailability none = new EscalationAvailability(root, PATH);
        assertEquals("sudo is not installed (not found on PATH)", none.of(Escalation.SUDO).reason());
        assertEquals(List.of(), none.usable());
        program("sudo", "0755");
        assertEquals("/usr/bin/sudo is not setuid root", new EscalationAvailability(root, PATH).of(Escalation.SUDO)
                .reason());
        assertEquals("sudo is not installed (not found on PATH)", new EscalationAvailability(root,
                Map.of("PATH", "bin:relative")).of(Escalation.SUDO).reason(), "relative PATH entries are not searched");
    }
}
