package io.corral.model.json;

import io.corral.model.sample.HostSnapshot;
import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import io.corral.model.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whole snapshots of the three fixture layouts, as JSON, against reviewed golden files. */
class SnapshotGoldenTest {
    @TempDir
    Path dir;

    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void legacyLayout() throws Exception {
        check("legacy", FixtureScenes.legacy(dir));
    }

    @Test
    void unifiedLayout() throws Exception {
        check("unified", FixtureScenes.unified(dir));
    }

    @Test
    void hybridLayout() throws Exception {
        check("hybrid", FixtureScenes.hybrid(dir));
    }

    private void check(String name, FixtureHost host) throws Exception {
        HostSnapshot s = Golden.reader(host.root()).read();
        assertEquals(List.of(), s.problems(), "a clean fixture reads without problems");
        Golden.assertMatches(name, SnapshotJson.snapshot(s, SnapshotJson.Options.ALL), MODULE);
    }
}
