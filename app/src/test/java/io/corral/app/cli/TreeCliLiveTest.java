package io.corral.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.testing.LiveCgroups;
import io.corral.model.testing.LiveScene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code corral tree --json /TOP} and {@code corral get} on a random live tree match the kernel files. */
@ExtendWith(LiveCgroups.class)
class TreeCliLiveTest {

    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CorralCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void treeJsonMatchesTheKernel(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveScene scene = LiveScene.build(lc, System.nanoTime());
        String[] r = run("tree", "--json", "/" + scene.top);
        assertEquals("0", r[0], r[2]);
        JsonNode json = new ObjectMapper().readTree(r[1]);
        int seen = 0;
        for (JsonNode h : json.get("hierarchies")) {
            String mount = h.get("mount").asText();
            String name = Path.of(mount).getFileName().toString();
            List<String> expected = scene.groups.get(name);
            assertTrue(expected != null, "unexpected hierarchy " + mount);
            List<String> paths = new ArrayList<>();
            check(h.get("root"), Path.of(mount), paths);
            assertEquals(expected.stream().sorted().toList(), paths.stream().sorted().toList(), mount);
            seen++;
        }
        assertEquals(scene.groups.size(), seen, "every hierarchy that has the group");
    }

    private static void check(JsonNode g, Path mount, List<String> paths) throws Exception {
        String path = g.get("path").asText();
        paths.add(path);
        Path dir = mount.resolve(path.substring(1));
        assertEquals(((Number) Files.getAttribute(dir, "unix:ino")).longValue(), g.get("inode").asLong(), path);
        List<Integer> procs = new ArrayList<>();
        g.get("processes").forEach(p -> procs.add(p.asInt()));
        assertEquals(LiveScene.catIds(dir.resolve("cgroup.procs")), procs, mount + path + " processes");
        for (Iterator<Map.Entry<String, JsonNode>> it = g.get("limits").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> l = it.next();
            assertEquals(LiveScene.cat(dir.resolve(l.getValue().get("file").asText())), l.getValue().get("raw").asText(),
                    mount + path + " " + l.getKey());
        }
        JsonNode mem = g.get("limits").get("memory.max");
        if (mem != null) {
            assertEquals(Long.parseLong(LiveScene.cat(dir.resolve("memory.limit_in_bytes"))), mem.get("bytes").asLong());
        }
        for (JsonNode c : g.get("children")) {
            check(c, mount, paths);
        }
    }

    @Test
    void getPrintsWhatTheFilesHold(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveScene scene = LiveScene.build(lc, System.nanoTime());
        LiveCgroups.assumeHierarchy(LiveScene.mount("memory"));
        String[] r = run("get", "memory,pids:/" + scene.top, "memory.max", "pids.max", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode hs = new ObjectMapper().readTree(r[1]).get("hierarchies");
        for (JsonNode h : hs) {
            Path dir = LiveScene.mount(h.get("id").asText()).resolve(scene.top);
            JsonNode l = h.get("limits");
            if (h.get("id").asText().equals("memory")) {
                assertEquals(LiveScene.cat(dir.resolve("memory.limit_in_bytes")), l.get("memory.max").get("raw").asText());
            } else {
                assertEquals(LiveScene.cat(dir.resolve("pids.max")), l.get("pids.max").get("raw").asText());
            }
        }
        assertEquals(2, hs.size());
    }

    /** libcgroup's cgget reads the same values as corral get (v1 single-value files). */
    @Test
    void getAgreesWithCgget(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeLiveKernel();
        boolean cgget = Files.isExecutable(Path.of("/usr/bin/cgget"));
        if (!cgget) {
            System.out.println("SKIPPED cgget comparison: /usr/bin/cgget not installed (cgroup-tools)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(cgget, "no cgget");
        LiveScene scene = LiveScene.build(lc, System.nanoTime());
        String[] r = run("get", "/" + scene.top, "--json");
        assertEquals("0", r[0], r[2]);
        int compared = 0;
        for (JsonNode h : new ObjectMapper().readTree(r[1]).get("hierarchies")) {
            if (h.get("version").asInt() != 1) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.get("limits").fields(); it.hasNext(); ) {
                JsonNode l = it.next().getValue();
                String file = l.get("file").asText();
                if (l.get("raw").asText().contains("\n") || file.startsWith("blkio.")) {
                    continue; // multi-line files: cgget reformats them
                }
                Process p = new ProcessBuilder("cgget", "-n", "-v", "-r", file, "/" + scene.top)
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertEquals(0, p.waitFor(), "cgget " + file + ": " + out);
                assertEquals(out, l.get("raw").asText(), file);
                compared++;
            }
        }
        System.out.println("TreeCliLiveTest: " + compared + " values agree with cgget");
        assertTrue(compared >= 4, "compared " + compared);
    }
}
