package io.corral.model.cgroup;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.Errno;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one freezer on fixture groups: states as the kernel words them, and what a freeze comes to. */
class FreezerTest {
    @TempDir
    Path tmp;

    @Test
    void v1StateIsTheWordInFreezerState() throws Exception {
        FixtureHost host = FixtureHost.hybrid(tmp);
        Freezer f = new Freezer(host.fs(), Duration.ofMillis(50));
        Object[][] table = {
                {"THAWED\n", Optional.of(FreezeState.THAWED), false},
                {"FREEZING\n", Optional.of(FreezeState.FREEZING), true},
                {"FROZEN\n", Optional.of(FreezeState.FROZEN), true},
                {"MELTING\n", Optional.empty(), false},
        };
        for (Object[] row : table) {
            Path dir = host.cgroup("freezer", "/corral-test-f", "freezer.state", (String) row[0]);
            assertEquals(row[1], f.state(dir), (String) row[0]);
            assertEquals(row[2], f.frozen(dir), (String) row[0]);
        }
    }

    @Test
    void v2StateIsAskedInCgroupFreezeAndDoneInCgroupEvents() throws Exception {
        FixtureHost host = FixtureHost.unified(tmp);
        Freezer f = new Freezer(host.fs(), Duration.ofMillis(50));
        Object[][] table = {
                {"0\n", "frozen 0", FreezeState.THAWED, false},
                {"1\n", "frozen 0", FreezeState.FREEZING, true},
                {"1\n", "frozen 1", FreezeState.FROZEN, true},
                // Frozen through an ancestor: frozen, but not this group's freeze to undo.
                {"0\n", "frozen 1", FreezeState.FROZEN, false},
        };
        for (Object[] row : table) {
            Path dir = host.cgroup("unified", "/corral-test-f", "cgroup.freeze", (String) row[0],
                    "cgroup.events", "populated 1\n" + row[1] + "\n");
            String label = row[0].toString().strip() + " / " + row[1];
            assertEquals(Optional.of(row[2]), f.state(dir), label);
            assertEquals(row[3], f.frozen(dir), label);
            assertEquals("cgroup.freeze " + row[0].toString().strip() + ", " + row[1], f.holds(dir), label);
        }
    }

    @Test
    void theRootOfAHierarchyHasNoFreezerState() throws Exception {
        FixtureHost host = FixtureHost.hybrid(tmp);
        Freezer f = new Freezer(host.fs(), Duration.ofMillis(50));
        assertEquals(Optional.empty(), f.state(host.path(host.mount("freezer"))));
        assertEquals(Optional.empty(), f.state(host.path(host.mount("unified"))));
    }

    @Test
    void aRefusedFreezeWriteIsAFailureWithTheErrnoAndTheThawIsTriedToo() throws Exception {
        FixtureHost host = FixtureHost.unified(tmp);
        Path dir = host.cgroup("unified", "/corral-test-f");
        Files.delete(dir.resolve("cgroup.freeze"));
        Files.createSymbolicLink(dir.resolve("cgroup.freeze"), tmp.resolve("no-such-dir/cgroup.freeze"));
        CgroupFs fs = host.fs();
        List<String> writes = new ArrayList<>();
        fs.setWriteObserver((file, value) -> writes.add(file.getFileName() + "=" + value));
        Freezer.Result r = new Freezer(fs, Duration.ofMillis(50)).freeze(dir);
        Freezer.Result.Failed failed = assertInstanceOf(Freezer.Result.Failed.class, r);
        assertEquals(Errno.ENOENT, failed.error().errno());
        assertEquals(List.of("cgroup.freeze=1", "cgroup.freeze=0"), writes);
    }

    @Test
    void thawIfFrozenWritesOnlyWhenFrozenAndWaitsForThawed() throws Exception {
        FixtureHost host = FixtureHost.hybrid(tmp);
        CgroupFs fs = host.fs();
        Freezer f = new Freezer(fs, Duration.ofMillis(50));
        Path thawed = host.cgroup("freezer", "/corral-test-a", "freezer.state", "THAWED\n");
        Path frozen = host.cgroup("freezer", "/corral-test-b", "freezer.state", "FROZEN\n");
        List<String> writes = new ArrayList<>();
        fs.setWriteObserver((file, value) -> writes.add(file.getParent().getFileName() + "=" + value));
        assertFalse(f.thawIfFrozen(thawed));
        assertTrue(f.thawIfFrozen(frozen));
        assertEquals(List.of("corral-test-b=THAWED"), writes);
        assertEquals("freezer.state THAWED", f.holds(frozen));
    }
}
