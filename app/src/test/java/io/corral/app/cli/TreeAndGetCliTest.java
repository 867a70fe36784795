package io.corral.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.command.ProcTasks;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import io.corral.model.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code corral tree} and {@code corral get} end to end on fixture hosts. */
class TreeAndGetCliTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run corral(FixtureHost host, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CgroupFs fs = new CgroupFs(host.root());
        int status = CorralCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new CliHost(fs, new ProcTasks(new ProcFs(host.root())), Optional.empty()));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void treeJsonHasTheDesignShape() throws Exception {
        Run r = corral(FixtureScenes.hybrid(dir), "tree", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode unified = j.get("hierarchies").get(0);
        assertEquals("unified", unified.get("id").asText());
        assertEquals(2, unified.get("version").asInt());
        assertEquals("/sys/fs/cgroup/unified", unified.get("mount").asText());
        assertEquals("/", unified.get("root").get("path").asText());
        JsonNode web = unified.get("root").get("children").get(0);
        assertEquals("/web", web.get("path").asText());
        assertEquals(List.of(4242), List.of(web.get("processes").get(0).asInt()));
        assertEquals(1500000, web.get("usage").get("cpu").get("usage_usec").asLong());
        assertFalse(j.has("processes"), "tree --json lists pids per group, not the process table");
        assertEquals(10, j.get("hierarchies").size(), "nine v1 hierarchies and the unified one");
        assertEquals(0, j.get("problems").size());
    }

    @Test
    void treeJsonOfTheUnifiedSceneIsGolden() throws Exception {
        Run r = corral(FixtureScenes.unified(dir), "tree", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) j.get("host")).put("taken", "(varies)");
        Golden.assertMatches("cli-tree-unified", j, Path.of("").toAbsolutePath());
    }

    @Test
    void treeOfASubtreeInOneHierarchy() throws Exception {
        Run r = corral(FixtureScenes.legacy(dir), "tree", "--json", "cpu:/web");
        assertEquals(0, r.status(), r.err());
        JsonNode hs = new ObjectMapper().readTree(r.out()).get("hierarchies");
        assertEquals(1, hs.size());
        assertEquals("cpu", hs.get(0).get("id").asText());
        assertEquals("/web", hs.get(0).get("root").get("path").asText());
        assertEquals("/web/api", hs.get(0).get("root").get("children").get(0).get("path").asText());
        JsonNode quota = hs.get(0).get("root").get("limits").get("cpu.quota");
        assertEquals("0.5", quota.get("value").asText());
        assertEquals("50000", quota.get("raw").asText());
        assertEquals("cpu.cfs_quota_us", quota.get("file").asText());
    }

    @Test
    void treeTextIsAlignedWithUnits() {
        Run r = corral(FixtureScenes.legacy(dir), "tree", "memory,cpu:/web");
        assertEquals(0, r.status(), r.err());
        String expected = """
                cpu  /sys/fs/cgroup/cpu
                GROUP   PROCS  LIMITS                             USAGE
                /web        1  cpu.quota=0.5 cores cpu.weight=20  throttled 7/120
                └─ api      1  cpu.quota=0.5 cores per 50000us

                memory  /sys/fs/cgroup/memory
                GROUP  PROCS  LIMITS                                           USAGE
                /web       1  memory.max=256M memory.low=128M memory.swap=64M  mem 50M
                """;
        assertEquals(expected, r.out());
    }

    @Test
    void treeRefusesAGroupNoHierarchyHas() {
        Run r = corral(FixtureScenes.legacy(dir), "tree", "/nope");
        assertEquals(1, r.status());
        assertEquals("corral: group /nope does not exist in any hierarchy\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void treeRefusesABadGroupName() {
        Run r = corral(FixtureScenes.legacy(dir), "tree", "/web/..");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("corral: group path \"/web/..\""), r.err());
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void getShowsEveryLimitWithItsFile() {
        Run r = corral(FixtureScenes.legacy(dir), "get", "/web", "memory.max", "cpu.quota", "io.wiops");
        assertEquals(0, r.status(), r.err());
        assertEquals("""
                KNOB        VALUE              HIERARCHY  FILE                              RAW
                io.wiops    8:0 100, 8:16 200  blkio      blkio.throttle.write_iops_device  8:0 100; 8:16 200
                cpu.quota   0.5 cores          cpu        cpu.cfs_quota_us                  50000
                memory.max  256M               memory     memory.limit_in_bytes             268435456
                """, r.out());
    }

    @Test
    void getJson() throws Exception {
        Run r = corral(FixtureScenes.unified(dir), "get", "unified:/web", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("unified:/web", j.get("group").asText());
        JsonNode l = j.get("hierarchies").get(0).get("limits");
        assertEquals(268435456L, l.get("memory.max").get("bytes").asLong());
        assertEquals(0.5, l.get("cpu.quota").get("cores").asDouble());
        assertEquals(1048576L, l.get("io.rbps").get("devices").get("8:0").get("bytes").asLong());
        assertTrue(l.get("memory.high").has("bytes"));
    }

    @Test
    void getRefusesUnknownAndMissingKnobs() {
        FixtureHost host = FixtureScenes.legacy(dir);
        Run unknown = corral(host, "get", "/web", "memory.maxx");
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().startsWith("corral: unknown knob \"memory.maxx\""), unknown.err());
        Run v2only = corral(host, "get", "/web", "memory.high");
        assertEquals(1, v2only.status());
        assertTrue(v2only.err().contains("memory.high exists on cgroup v2 only"), v2only.err());
        assertEquals("", v2only.out());
    }
}
