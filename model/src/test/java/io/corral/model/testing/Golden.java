package io.corral.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.model.json.SnapshotJson;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.SnapshotReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden JSON files under {@code model/src/test/resources/golden}. Inodes depend on the
 * temporary directory, so they are replaced by 0 before comparing (they are tested on
 * their own). Run with {@code -Dcorral.golden.update=true} to rewrite the files, then
 * read the diff before committing.
 */
public final class Golden {
    public static final Instant FIXED = Instant.parse("2026-01-01T00:00:00Z");

    private Golden() {
    }

    /** A snapshot reader over a fixture root whose clock always says {@link #FIXED}. */
    public static SnapshotReader reader(Path root) {
        CgroupFs fs = new CgroupFs(root);
        return new SnapshotReader(fs, new ProcFs(root), new io.corral.model.cgroup.GroupTreeReader(fs),
                Clock.fixed(FIXED, ZoneOffset.UTC));
    }

    public static JsonNode withoutInodes(JsonNode n) {
        JsonNode copy = n.deepCopy();
        zero(copy);
        return copy;
    }

    private static void zero(JsonNode n) {
        if (n instanceof ObjectNode o && o.has("inode")) {
            o.put("inode", 0);
        }
        n.forEach(Golden::zero);
    }

    /** Compares with {@code golden/NAME.json} (module-relative), or writes it when updating. */
    public static void assertMatches(String name, JsonNode actual, Path moduleDir) throws IOException {
        Path file = moduleDir.resolve("src/test/resources/golden").resolve(name + ".json");
        String text = SnapshotJson.text((ObjectNode) withoutInodes(actual));
        if (Boolean.getBoolean("corral.golden.update") || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            System.out.println("Golden: wrote " + file);
        }
        assertEquals(Files.readString(file), text, "golden " + file + " differs (update with -Dcorral.golden.update=true)");
    }
}
