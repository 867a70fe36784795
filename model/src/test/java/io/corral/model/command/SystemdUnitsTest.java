package io.corral.model.command;

import io.corral.model.kernel.Errno;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moves into systemd's units on a fixture host whose "PID 1 is systemd" and extended
 * attributes are injected: refused into an undelegated unit, allowed when the unit or an
 * ancestor carries trusted.delegate or user.delegate, and never refused without systemd.
 */
class SystemdUnitsTest {
    @TempDir
    Path dir;

    /** Attributes by "directory name|attribute". */
    private final Map<String, String> xattrs = new HashMap<>();

    private CommandResult moveInto(String path, boolean systemdIsInit) throws Exception {
        EngineFixture f = new EngineFixture(FixtureHost.unified(dir));
        f.make("unified", "/corral-test-a");
        f.make("unified", "/system.slice");
        f.make("unified", "/system.slice/docker.service");
        f.make("unified", "/system.slice/docker.service/corral-test-c");
        f.make("unified", "/system.slice/cron.service");
        f.make("unified", "/user.slice/user-1000.slice/user@1000.service/app.slice/x.scope");
        f.tasks.process(42, 'S').in(42, f.h("unified"), "/corral-test-a");
        SystemdUnits units = new SystemdUnits(() -> systemdIsInit,
                (d, name) -> Optional.ofNullable(xattrs.get(d.getFileName() + "|" + name)));
        CommandEngine engine = new CommandEngine(f.fs, f.tasks, Optional.empty(), CommandEngine.Mode.CALLER_THREAD,
                Duration.ofMillis(200), units);
        return engine.run(new Command.MoveTasks(f.g("unified", path), List.of(42), false));
    }

    @ParameterizedTest(name = "{0} with {1}={2}: allowed={3}")
    @CsvSource({
            "/system.slice/cron.service, -, -, false",
            "/system.slice/cron.service, cron.service|trusted.delegate, 1, true",
            "/system.slice/cron.service, cron.service|user.delegate, 1, true",
            "/system.slice/cron.service, cron.service|user.delegate, 0, false",
            "/system.slice, -, -, false",
            "/system.slice/docker.service, docker.service|trusted.delegate, 1, true",
            "/system.slice/docker.service/corral-test-c, -, -, true",
            "/user.slice/user-1000.slice/user@1000.service/app.slice/x.scope, -, -, false",
            "/user.slice/user-1000.slice/user@1000.service/app.slice/x.scope, user@1000.service|user.delegate, 1, true",
    })
    void aMoveIntoAUnitNeedsDelegationWhenSystemdIsInit(String target, String attr, String value, boolean allowed)
            throws Exception {
        if (!attr.equals("-")) {
            xattrs.put(attr, value);
        }
        CommandResult r = moveInto(target, true);
        if (allowed) {
            assertInstanceOf(CommandResult.Applied.class, r, r::toString);
        } else {
            CommandResult.Rejected j = assertInstanceOf(CommandResult.Rejected.class, r, r::toString);
            Failure f = j.failures().get(0);
            assertEquals(Errno.EBUSY, f.errno());
            assertFalse(f.written(), "refused before writing");
            assertTrue(f.message().contains("does not delegate its subtree")
                    && f.message().contains("trusted.delegate"), f.message());
        }
    }

    @Test
    void withoutSystemdAsPid1UnitNamesAreOrdinaryGroups() throws Exception {
        assertInstanceOf(CommandResult.Applied.class, moveInto("/system.slice/cron.service", false));
    }

    @Test
    void unitNamesAreSlicesScopesAndServices() {
        assertTrue(SystemdUnits.isUnitName("a.slice"));
        assertTrue(SystemdUnits.isUnitName("session-2.scope"));
        assertTrue(SystemdUnits.isUnitName("cron.service"));
        assertFalse(SystemdUnits.isUnitName("corral-test-x"));
        assertFalse(SystemdUnits.isUnitName("init.scope.d"));
    }
}
