package io.corral.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.command.Command;
import io.corral.model.command.CommandResult;
import io.corral.model.command.GroupRef;
import io.corral.model.command.Journal;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.limit.Setting;
import io.corral.model.privilege.Escalation;
import io.corral.model.privilege.HelperClient;
import io.corral.model.privilege.HelperProtocol;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code corral helper} as a real child process on the live kernel (corral-test groups,
 * processes this test started): commands sent by {@link HelperClient} are applied and
 * journalled by the helper; malformed, unknown, hostile and oversized lines written raw to
 * its stdin are refused, typed, one answer per line, and change nothing.
 */
@ExtendWith(LiveCgroups.class)
class HelperProcessLiveTest {
    @TempDir
    Path tmp;
    private String name;
    private Path group;
    private GroupRef ref;

    @BeforeEach
    void group(LiveCgroups lc) throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(LiveCgroups.CGROUP_ROOT.resolve("pids"));
        name = LiveCgroups.newName();
        group = lc.mkdir(LiveCgroups.CGROUP_ROOT.resolve("pids"), name);
        Hierarchy pids = new HierarchyDiscovery(CgroupFs.live()).discover().stream()
                .filter(h -> h.id().equals("pids")).findFirst().orElseThrow();
        ref = new GroupRef(pids, GroupPath.ofKernel("/" + name));
    }

    @Test
    void theClientDrivesARealHelperProcess(LiveCgroups lc) throws Exception {
        long pid = lc.start("sleep", "300").pid();
        Path journal = tmp.resolve("helper-journal.jsonl");
        try (HelperClient client = HelperClient.start(Escalation.NONE,
                ChildJvm.corral(System.getProperty("java.class.path"), "helper"),
                Map.of("CORRAL_JOURNAL", journal.toString()))) {
            CommandResult set = client.run(new Command.SetLimits(ref, List.of(Setting.parse("pids.max=42"))));
            assertInstanceOf(CommandResult.Applied.class, set, set.toString());
            assertEquals("42", Files.readString(group.resolve("pids.max")).trim());
            CommandResult move = client.run(new Command.MoveTasks(ref, List.of((int) pid), false));
            assertInstanceOf(CommandResult.Applied.class, move, move.toString());
            assertEquals(Long.toString(pid), Files.readString(group.resolve("cgroup.procs")).trim());
            CommandResult undo = client.run(((CommandResult.Applied) set).inverse().get(0));
            assertInstanceOf(CommandResult.Applied.class, undo, undo.toString());
            assertEquals("max", Files.readString(group.resolve("pids.max")).trim());
        }
        assertEquals(3, new Journal(journal).read().entries().size(), "the helper journals what it ran");
    }

    @Test
    void rawHostileLinesAreRefusedOneAnswerEach() throws Exception {
        String good = HelperProtocol.request(99, new Command.SetLimits(ref, List.of(Setting.parse("pids.max=17"))));
        List<String[]> lines = List.of(
                new String[] {"{not json", "MALFORMED_JSON"},
                new String[] {"{\"id\":1,\"command\":{\"type\":\"exec\",\"argv\":[\"/bin/sh\"]}}", "UNKNOWN_COMMAND"},
                new String[] {"{\"id\":2,\"command\":{\"type\":\"create-group\",\"hierarchy\":\"pids\",\"path\":\"/"
                        + name + "/../../x\"}}", "INVALID_ARGUMENT"},
                new String[] {"{\"id\":3,\"command\":{\"type\":\"set-limits\",\"hierarchy\":{\"id\":\"pids\",\"mount\":"
                        + "\"/tmp\"},\"path\":\"/" + name + "\",\"settings\":[\"pids.max=1\"]}}", "UNKNOWN_HIERARCHY"},
                new String[] {"{\"id\":4,\"command\":{\"type\":\"move-tasks\",\"hierarchy\":\"pids\",\"path\":\"/" + name
                        + "\",\"ids\":[\"0\"]}}", "INVALID_ARGUMENT"},
                new String[] {"{\"id\":5,\"path\":\"/etc/shadow\",\"command\":{\"type\":\"thaw\",\"hierarchy\":\"pids\","
                        + "\"path\":\"/" + name + "\"}}", "UNKNOWN_FIELD"},
                new String[] {"{\"id\":6,\"x\":\"" + "y".repeat(HelperProtocol.MAX_LINE_BYTES) + "\"}", "LINE_TOO_LONG"},
                new String[] {good, "applied"});
        List<String> before = TreeDigest.of(group, true);
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.corral(System.getProperty("java.class.path"), "helper"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CORRAL_JOURNAL", "none");
        Process helper = pb.start();
        try (OutputStream in = helper.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8))) {
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < lines.size(); i++) {
                String[] l = lines.get(i);
                in.write((l[0] + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                JsonNode answer = json.readTree(out.readLine());
                String got = answer.has("error") ? answer.path("error").path("kind").asText() : answer.path("outcome").asText();
                assertEquals(l[1], got, "line " + i + ": " + answer);
                if (i < lines.size() - 1) {
                    assertEquals(before, TreeDigest.of(group, true), "line " + i + " changed the group");
                }
            }
        } finally {
            assertTrue(helper.waitFor(20, TimeUnit.SECONDS), "the helper ends when its input ends");
        }
        assertEquals("17", Files.readString(group.resolve("pids.max")).trim());
        assertEquals(0, helper.exitValue());
    }

    /**
     * The helper is stopped, a request goes out, the helper is killed before it read it:
     * the answer never comes, the client says the helper was killed and that the kernel's
     * state is what counts, and the kernel indeed holds the value from before.
     */
    @Test
    void aHelperKilledWithARequestOutstandingIsReportedAndWroteNothing(LiveCgroups lc) throws Exception {
        try (HelperClient client = HelperClient.start(Escalation.NONE,
                ChildJvm.corral(System.getProperty("java.class.path"), "helper"), Map.of("CORRAL_JOURNAL", "none"))) {
            assertInstanceOf(CommandResult.Applied.class, client.run(new Command.SetLimits(ref,
                    List.of(Setting.parse("pids.max=7")))));
            long helper = client.process().orElseThrow().pid();
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(helper)).start().waitFor());
            Command eight = new Command.SetLimits(ref, List.of(Setting.parse("pids.max=8")));
            java.util.concurrent.CompletableFuture<CommandResult> pending = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> client.run(eight));
            Thread.sleep(300);
            assertTrue(!pending.isDone(), "the request is outstanding while the helper is stopped");
            assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(helper)).start().waitFor());
            CommandResult r = pending.get(20, TimeUnit.SECONDS);
            String m = assertInstanceOf(CommandResult.Rejected.class, r).failure().message();
            assertTrue(m.contains("administrative access failed (HELPER_UNAVAILABLE): the helper was killed (signal 9)"
                    + " while the request was outstanding"), m);
        }
        assertEquals("7", Files.readString(group.resolve("pids.max")).trim(), "nothing half-written: the old value");
    }
}
