package io.corral.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.model.checkpoint.CriuStatus;
import io.corral.model.checkpoint.Workload;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint commands end to end: the CLI against the live kernel and CRIU. */
@ExtendWith(LiveCgroups.class)
class CheckpointCliTest {
    static final Path FREEZER = LiveCgroups.CGROUP_ROOT.resolve("freezer");
    static final Path CPU = LiveCgroups.CGROUP_ROOT.resolve("cpu");

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run corral(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--catalog";
        all[args.length + 1] = tmp.resolve("catalog").toString();
        int rc = CorralCli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCriuFailureShowsCriusFirstErrorBeforeTheOneLine() {
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter err = new java.io.PrintWriter(text, true);
        CorralCli.failed(err, new io.corral.model.checkpoint.CheckpointException("criu dump failed (exit 1)",
                tmp.resolve("dump.log"), "(00.01) Error (criu/sk-inet.c:188): inet: Connected TCP socket\n", null));
        CorralCli.failed(err, new io.corral.model.checkpoint.CheckpointException("no checkpoint x"));
        assertEquals(List.of("(00.01) Error (criu/sk-inet.c:188): inet: Connected TCP socket",
                "corral: criu dump failed (exit 1)", "corral: no checkpoint x"), text.toString().lines().toList());
    }

    @Test
    void emptyCatalogListsOnlyTheHeaderAndUnknownIdsFailWithOneLine() {
        Run list = corral("checkpoints");
        assertEquals(0, list.status());
        assertEquals(1, list.lines().size());
        assertTrue(list.lines().get(0).startsWith("ID "));
        assertEquals("[]", corral("checkpoints", "--json").out().strip());
        Run rm = corral("checkpoint-rm", "20260101-000000-abcd");
        assertEquals(1, rm.status());
        assertEquals(List.of("corral: no checkpoint 20260101-000000-abcd in " + tmp.resolve("catalog")), rm.err().lines().toList());
        Run bad = corral("restore", "../etc");
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("is not a checkpoint id"), bad.err());
    }

    @Test
    void checkpointListRestoreAndRemoveAWorkload(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(FREEZER);
        LiveCgroups.assumeHierarchy(CPU);
        Run check = corral("criu-check", "--json");
        JsonNode status = new ObjectMapper().readTree(check.out());
        if (!status.get("available").asBoolean()) {
            System.out.println("SKIPPED CRIU CLI test: " + status.get("reason").asText());
        }
        Assumptions.assumeTrue(status.get("available").asBoolean());
        assertEquals(0, check.status());
        assertTrue(corral("criu-check").out().contains("self-test: passed"));

        Path bin = Workload.compile(Files.createDirectories(tmp.resolve("bin")));
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        Path cpu = live.mkdir(CPU, name);
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "60000");
        // As a user would: corral launch into the group, in new pid and mount namespaces.
        Path dir = Files.createDirectories(tmp.resolve("w"));
        int port = Workload.freePort();
        ByteArrayOutputStream launchOut = new ByteArrayOutputStream();
        int rc = CorralCli.run(new String[] {"launch", "/" + name, "--ns", "pid,mnt", "--log-dir",
                tmp.resolve("logs").toString(), "--json", "--", bin.toString(), dir.toString(), Integer.toString(port), "2"},
                new PrintStream(launchOut, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, rc);
        long init = new ObjectMapper().readTree(launchOut.toString(StandardCharsets.UTF_8)).get("init").asLong();
        Workload w = Workload.adopt(dir, port, 2, init, true);

        Run cp = corral("checkpoint", "/" + name);
        assertEquals(0, cp.status(), cp.err());
        String id = cp.lines().get(cp.lines().size() - 1);
        assertTrue(cp.out().startsWith("checkpointed /" + name + ": 4 processes"), cp.out());
        assertEquals(List.of(), Workload.procs(freezer));
        long atDump = w.counter("parent");

        JsonNode list = new ObjectMapper().readTree(corral("checkpoints", "--json").out());
        assertEquals(1, list.size());
        assertEquals(id, list.get(0).get("id").asText());
        assertTrue(list.get(0).get("restorable").asBoolean());
        assertEquals(4, list.get(0).get("processes").asInt());

        Path tar = tmp.resolve("cp.tar");
        assertEquals(0, corral("checkpoint-export", id, tar.toString()).status());

        Run rs = corral("restore", id);
        assertEquals(0, rs.status(), rs.err());
        assertTrue(rs.out().startsWith("restored " + id + ": root PID "), rs.out());
        assertEquals(4, Workload.procs(freezer).size(), "the restored tree, without the launcher's unshare");
        assertEquals("60000", Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim());
        assertTrue(w.counterAbove("parent", atDump) > atDump, "counts on from " + atDump);

        assertEquals(0, corral("checkpoint-rm", id).status());
        assertEquals("[]", corral("checkpoints", "--json").out().strip());
        Run imp = corral("checkpoint-import", tar.toString());
        assertEquals(0, imp.status(), imp.err());
        assertEquals(id, imp.out().strip());
        assertTrue(corral("checkpoints").out().contains(id + " "));
    }

    @Test
    void checkpointOfAGroupThatDoesNotExistFailsWithTheReason() {
        LiveCgroups.assumeLiveKernel();
        Run r = corral("checkpoint", "/" + LiveCgroups.newName());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("does not exist in any hierarchy"), r.err());
    }
}
