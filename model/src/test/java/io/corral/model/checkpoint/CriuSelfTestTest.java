package io.corral.model.checkpoint;

import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The self-test's verdicts, with stand-in CRIU programs (and the real one where it works). */
class CriuSelfTestTest {
    @TempDir
    Path tmp;

    private Path script(String name, String body) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private CriuSelfTest selfTest(Duration timeout) {
        return new CriuSelfTest(tmp.resolve("work"), timeout);
    }

    @Test
    void noCriuFoundSaysHowToProvisionIt() throws Exception {
        CriuStatus s = selfTest(Duration.ofSeconds(5)).run(Optional.empty());
        assertFalse(s.available());
        assertTrue(s.reason().contains("scripts/provision-criu.sh"), s.reason());
    }

    @Test
    void failingCriuCheckGivesItsErrorLine() throws Exception {
        Path fake = script("criu", "case \"$1\" in --version) echo 'Version: 3.17';; check) "
                + "echo 'Error (criu/cr-check.c:1234): Kernel does not support PTRACE_O_SUSPEND_SECCOMP'; exit 1;; esac\n");
        CriuStatus s = selfTest(Duration.ofSeconds(5)).run(Optional.of(CriuCommand.of(fake, "test")));
        assertFalse(s.available());
        assertEquals(Optional.of("3.17"), s.version());
        assertEquals("criu check failed: Error (criu/cr-check.c:1234): Kernel does not support PTRACE_O_SUSPEND_SECCOMP",
                s.reason());
    }

    @Test
    void programThatIsNotCriuIsUnavailable() throws Exception {
        Path fake = script("criu", "exit 1\n");
        CriuStatus s = selfTest(Duration.ofSeconds(5)).run(Optional.of(CriuCommand.of(fake, "test")));
        assertFalse(s.available());
        assertTrue(s.reason().contains("--version\" did not run"), s.reason());
    }

    /**
     * A CRIU whose dump hangs unless CRIU_FAULT=130 is set (as 4.1.1 does on this kernel):
     * the self-test kills it, resumes the target, retries with the variable and remembers it.
     */
    @Test
    void hangingDumpIsKilledAndRetriedWithCriuFault130WhichIsRemembered() throws Exception {
        LiveCgroups.assumeLiveKernel();
        CriuStatus real = selfTest(Duration.ofSeconds(30)).run(CriuCommand.locate(Optional.empty()));
        if (!real.available()) {
            System.out.println("SKIPPED CRIU test: " + real.reason());
        }
        Assumptions.assumeTrue(real.available());
        StringBuilder prefix = new StringBuilder();
        real.command().orElseThrow().prefix().forEach(a -> prefix.append('\'').append(a).append("' "));
        Path flaky = script("criu", "if [ \"$1\" = dump ] && [ -z \"$CRIU_FAULT\" ]; then sleep 300; fi\nexec "
                + prefix + "\"$@\"\n");
        Path memory = tmp.resolve("memory.json");
        CriuStatus s = selfTest(Duration.ofSeconds(3)).cachedOrRun(Optional.of(CriuCommand.of(flaky, "test")), memory);
        assertTrue(s.available(), s.reason());
        assertEquals("self-test passed with CRIU_FAULT=130 (the dump hangs without it)", s.reason());
        assertEquals(Map.of("CRIU_FAULT", "130"), s.command().orElseThrow().env());

        CriuStatus again = selfTest(Duration.ofSeconds(3)).cachedOrRun(Optional.of(CriuCommand.of(flaky, "test")), memory);
        assertEquals("(remembered)", again.check());
        assertEquals(Map.of("CRIU_FAULT", "130"), again.command().orElseThrow().env());
    }
}
