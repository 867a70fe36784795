package io.corral.model.privilege;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.command.Command;
import io.corral.model.command.CommandEngine;
import io.corral.model.command.CommandResult;
import io.corral.model.command.GroupRef;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.limit.Setting;
import io.corral.model.testing.FakeTasks;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The helper protocol end to end in-process, on a fixture host whose every write is
 * recorded: commands encoded by the client run and come back as the engine's results;
 * malformed, unknown and hostile requests get a typed refusal and write nothing.
 */
class HelperProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private FixtureHost host;
    private CgroupFs fs;
    private List<Hierarchy> hierarchies;
    private final List<String> writes = new ArrayList<>();
    private final FakeTasks tasks = new FakeTasks();
    private HelperServer server;

    @BeforeEach
    void helper() throws Exception {
        host = FixtureHost.hybrid(dir);
        host.cgroup("pids", "/corral-test-a", "pids.max", "max\n");
        host.cgroup("pids", "/corral-test-b");
        fs = host.fs();
        hierarchies = new HierarchyDiscovery(fs).discover();
        tasks.follow(fs, hierarchies, writes);
        fs.setMkdirObserver(d -> writes.add("mkdir " + d));
        tasks.process(4242, 'S');
        CommandEngine engine = new CommandEngine(fs, tasks, Optional.empty(), CommandEngine.Mode.CALLER_THREAD);
        server = new HelperServer(new CommandDecoder(hierarchies), engine);
    }

    private GroupRef pids(String path) {
        return new GroupRef(hierarchies.stream().filter(h -> h.id().equals("pids")).findFirst().orElseThrow(),
                GroupPath.ofKernel(path));
    }

    /** Sets pids.max of /corral-test-a. */
    private Command.SetLimits pidsMax(int max) throws io.corral.model.input.InvalidInputException {
        return new Command.SetLimits(pids("/corral-test-a"), List.of(Setting.parse("pids.max=" + max)));
    }

    private String pidsJson() {
        return "{\"id\":\"pids\",\"version\":\"V1\",\"controllers\":[\"pids\"],\"mount\":\"/sys/fs/cgroup/pids\","
                + "\"mountRoot\":\"/\"}";
    }

    @Test
    void aCommandRunsAndItsResultComesBackOverStreams() throws Exception {
        try (HelperClient client = inProcessHelper(new ArrayList<>())) {
            CommandResult set = client.run(pidsMax(64));
            CommandResult.Applied a = assertInstanceOf(CommandResult.Applied.class, set);
            assertTrue(a.steps().get(0).holds().orElse("").contains("64"), a.toString());
            assertEquals(1, a.inverse().size(), "the inverse comes back too");
            CommandResult move = client.run(new Command.MoveTasks(pids("/corral-test-b"), List.of(4242), false));
            assertInstanceOf(CommandResult.Applied.class, move);
            CommandResult gone = client.run(new Command.MoveTasks(pids("/corral-test-b"), List.of(777), false));
            CommandResult.Rejected r = assertInstanceOf(CommandResult.Rejected.class, gone);
            assertTrue(r.failure().message().contains("does not exist"), r.failure().message());
        }
        assertEquals(List.of("sys/fs/cgroup/pids/corral-test-a/pids.max=64", "sys/fs/cgroup/pids/corral-test-b/cgroup.procs=4242"),
                writes);
    }

    /** Request 1: a command of {@code type} on {@code path} in the pids hierarchy, with more fields. */
    private static String request(String type, String path, String more) {
        return "{\"id\":1,\"command\":{\"type\":\"" + type + "\",\"hierarchy\":\"pids\",\"path\":\"" + path + "\""
                + more + "}}";
    }

    static Stream<Arguments> hostile() {
        String thaw = request("thaw", "/x", "");
        Stream<Arguments> some = Stream.of(
                Arguments.of("{not json", ProtocolError.MALFORMED_JSON),
                Arguments.of("[1,2]", ProtocolError.MALFORMED_JSON),
                Arguments.of("\"set-limits\"", ProtocolError.MALFORMED_JSON),
                Arguments.of(thaw + " {\"id\":2}", ProtocolError.MALFORMED_JSON),
                Arguments.of("{\"id\":1,\"id\":2,\"command\":{}}", ProtocolError.MALFORMED_JSON),
                Arguments.of("{\"id\":1,\"command\":{\"type\":\"shell\",\"line\":\"rm -rf /\"}}", ProtocolError.UNKNOWN_COMMAND),
                Arguments.of(request("write-file", "/x", ""), ProtocolError.UNKNOWN_COMMAND),
                Arguments.of(thaw.replace("{\"id\":1,", "{\"id\":1,\"exec\":\"/bin/sh\","), ProtocolError.UNKNOWN_FIELD),
                Arguments.of(request("thaw", "/x", ",\"file\":\"/etc/passwd\""), ProtocolError.UNKNOWN_FIELD),
                Arguments.of(thaw.replace("\"id\":1,", ""), ProtocolError.BAD_FIELD),
                Arguments.of("{\"id\":1}", ProtocolError.BAD_FIELD),
                Arguments.of(request("create-group", "/x", "").replace("\"pids\"", "\"nosuch\""),
                        ProtocolError.UNKNOWN_HIERARCHY),
                Arguments.of(request("create-group", "/x", "").replace("\"pids\"", "{\"id\":\"pids\",\"mount\":\"/etc\"}"),
                        ProtocolError.UNKNOWN_HIERARCHY),
                Arguments.of(request("move-tasks", "/corral-test-b", ",\"ids\":[]"), ProtocolError.BAD_FIELD),
                Arguments.of(request("move-tasks", "/corral-test-b", ",\"ids\":[4242],\"threads\":\"yes\""),
                        ProtocolError.BAD_FIELD),
                Arguments.of(request("set-limits", "/corral-test-a", ",\"settings\":[\"pids.max=-5\"]"),
                        ProtocolError.INVALID_ARGUMENT),
                Arguments.of(request("set-limits", "/corral-test-a", ",\"settings\":[\"pids.max=6\\n4\"]"),
                        ProtocolError.INVALID_ARGUMENT),
                Arguments.of(request("rename-group", "/corral-test-a", ",\"newName\":\"../../x\""),
                        ProtocolError.INVALID_ARGUMENT),
                Arguments.of(request("move-all-tasks", "/corral-test-b", ",\"source\":\"/../x\""),
                        ProtocolError.INVALID_ARGUMENT),
                Arguments.of(request("enable-controllers", "/corral-test-a", ",\"controllers\":[\"+memory\"]"),
                        ProtocolError.INVALID_ARGUMENT),
                Arguments.of("{\"id\":1,\"command\":" + nested(6) + "}", ProtocolError.INVALID_ARGUMENT));
        // paths that leave the hierarchy, name a file, or are not a group's name
        Stream<Arguments> paths = Stream.of("../x", "/../x", "/corral-test-a/../../etc", "/corral-test-a//etc",
                "/etc/passwd/../x", "/cgroup.procs", "/x\\n", "/")
                .map(path -> Arguments.of(request("create-group", path, ""), ProtocolError.INVALID_ARGUMENT));
        // ids that are not decimal PIDs the kernel would read as meant (0x10 is 16, 0 is the writer)
        Stream<Arguments> ids = Stream.of("\"0x10\"", "0", "-1", "1.5", "99999999999")
                .map(id -> Arguments.of(request("move-tasks", "/corral-test-b", ",\"ids\":[" + id + "]"),
                        ProtocolError.INVALID_ARGUMENT));
        return Stream.of(some, paths, ids).flatMap(a -> a);
    }

    private static String nested(int depth) {
        String inner = "{\"type\":\"thaw\",\"hierarchy\":\"pids\",\"path\":\"/corral-test-a\"}";
        for (int i = 0; i < depth; i++) {
            inner = "{\"type\":\"sequence\",\"description\":\"d\",\"allOrNothing\":false,\"steps\":[" + inner + "]}";
        }
        return inner;
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("hostile")
    void hostileRequestsAreRefusedTypedAndWriteNothing(String line, ProtocolError kind) throws Exception {
        List<String> before = digest();
        JsonNode answer = JSON.readTree(server.handle(line));
        assertEquals(kind.name(), answer.path("error").path("kind").asText(), answer.toString());
        assertTrue(!answer.path("error").path("message").asText().isEmpty());
        if (line.startsWith("{\"id\":1,") && kind != ProtocolError.MALFORMED_JSON) {
            assertEquals(1, answer.path("id").asInt(), "the refusal names the request");
        }
        assertEquals(List.of(), writes, "nothing may reach the kernel");
        assertEquals(before, digest());
    }

    @Test
    void anOversizedLineIsRefusedAndTheNextRequestStillRuns() throws Exception {
        String big = "{\"id\":1,\"command\":{\"type\":\"thaw\",\"hierarchy\":\"pids\",\"path\":\"/" + "a".repeat(2 << 20)
                + "\"}}";
        String ok = HelperProtocol.request(2, pidsMax(7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int answered = server.serve(new ByteArrayInputStream((big + "\n" + ok + "\n").getBytes(StandardCharsets.UTF_8)),
                out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, answered);
        assertEquals("LINE_TOO_LONG", JSON.readTree(lines.get(0)).path("error").path("kind").asText());
        assertEquals("applied", JSON.readTree(lines.get(1)).path("outcome").asText(), lines.get(1));
        assertEquals(List.of("sys/fs/cgroup/pids/corral-test-a/pids.max=7"), writes);
    }

    @Test
    void theClientsOwnEncodingOfEveryCommandTypeDecodes() throws Exception {
        GroupRef a = pids("/corral-test-a");
        CommandDecoder decoder = new CommandDecoder(hierarchies);
        List<Command> all = List.of(new Command.CreateGroup(a.child("x")), new Command.RemoveGroup(a),
                new Command.RenameGroup(a, "corral-test-c"), new Command.MoveTasks(a, List.of(1, 2), true),
                new Command.MoveAllTasks(pids("/corral-test-b"), a), new Command.Freeze(a), new Command.Thaw(a),
                new Command.KillAll(a), new Command.SetLimits(a, List.of(Setting.parse("pids.max=5"))),
                new Command.EnableControllers(a, java.util.Set.of("pids")),
                new Command.DisableControllers(a, java.util.Set.of("pids")),
                new Command.Sequence("two", List.of(new Command.Freeze(a), new Command.Thaw(a)), true));
        for (Command c : all) {
            assertEquals(c, HelperProtocol.parseRequest(HelperProtocol.request(9, c), decoder).command());
        }
    }

    @Test
    void aHierarchyObjectWithThisHostsMountIsAccepted() throws Exception {
        String line = "{\"id\":3,\"command\":{\"type\":\"set-limits\",\"hierarchy\":" + pidsJson()
                + ",\"path\":\"/corral-test-a\",\"settings\":[\"pids.max=9\"]}}";
        assertEquals("applied", JSON.readTree(server.handle(line)).path("outcome").asText());
    }

    @Test
    void escalationCommandLines() {
        assertEquals(List.of("pkexec", "/usr/bin/corral", "helper"), Escalation.PKEXEC.command(List.of("/usr/bin/corral", "helper")));
        assertEquals(List.of("sudo", "--", "corral", "helper"), Escalation.SUDO.command(List.of("corral", "helper")));
        assertEquals(List.of("corral", "helper"), Escalation.NONE.command(List.of("corral", "helper")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Escalation.PKEXEC.command(List.of("corral", "helper")));
    }

    @Test
    void aHelperThatCannotStartOrIsCancelledIsARejectionThatSaysSo() throws Exception {
        try (HelperClient c = HelperClient.start(Escalation.NONE, List.of("sh", "-c", "exit 126"))) {
            CommandResult r = c.run(new Command.Thaw(pids("/corral-test-a")));
            String m = assertInstanceOf(CommandResult.Rejected.class, r).failure().message();
            assertTrue(m.contains("HELPER_UNAVAILABLE") && m.contains("the helper ended with status 126 before answering"),
                    m);
        }
        try (HelperClient c = HelperClient.start(Escalation.NONE, List.of("sh", "-c", "read x; echo garbage"))) {
            CommandResult r = c.run(new Command.Thaw(pids("/corral-test-a")));
            assertTrue(assertInstanceOf(CommandResult.Rejected.class, r).failure().message().contains("MALFORMED_JSON"));
        }
    }

    /** A helper in this JVM over pipes; {@code kill} ends it as if its process died. */
    private HelperClient inProcessHelper(List<Runnable> kill) throws IOException {
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream();
        PipedInputStream fromServer = new PipedInputStream(serverOut, 1 << 16);
        Thread t = new Thread(() -> {
            try (serverOut) {
                server.serve(serverIn, serverOut);
            } catch (IOException ignored) {
                // killed
            }
        });
        t.setDaemon(true);
        t.start();
        kill.add(() -> {
            try {
                serverOut.close();
                serverIn.close();
            } catch (IOException ignored) {
                // already closed
            }
        });
        return new HelperClient(fromServer, toServer);
    }

    @Test
    void administrativeAccessStartsTheHelperOnDemandAndAgainAfterItEnded() throws Exception {
        List<Runnable> kills = new ArrayList<>();
        try (AdministrativeAccess admin = new AdministrativeAccess(() -> inProcessHelper(kills))) {
            assertEquals(0, admin.starts(), "nothing is started before a command needs it");
            assertInstanceOf(CommandResult.Applied.class, admin.run(pidsMax(11)));
            assertInstanceOf(CommandResult.Applied.class, admin.run(pidsMax(12)));
            assertEquals(1, admin.starts(), "one helper serves both");
            kills.get(0).run();
            CommandResult lost = admin.run(new Command.Thaw(pids("/corral-test-a")));
            assertTrue(assertInstanceOf(CommandResult.Rejected.class, lost).failure().message()
                    .contains("HELPER_UNAVAILABLE"));
            assertTrue(!admin.active());
            assertInstanceOf(CommandResult.Applied.class, admin.run(pidsMax(13)));
            assertEquals(2, admin.starts(), "started again after it ended");
        }
        assertEquals("13", host.read(pids("/corral-test-a").dir(fs).resolve("pids.max")).trim());
    }

    @Test
    void administrativeAccessThatCannotStartSaysSo() {
        AdministrativeAccess admin = new AdministrativeAccess(() -> {
            throw new IOException("Cannot run program \"pkexec\": error=2, No such file or directory");
        });
        CommandResult r = admin.run(new Command.Thaw(pids("/corral-test-a")));
        String m = assertInstanceOf(CommandResult.Rejected.class, r).failure().message();
        assertTrue(m.contains("cannot start the helper") && m.contains("pkexec"), m);
    }

    private List<String> digest() throws IOException {
        try (Stream<Path> s = Files.walk(host.root())) {
            List<String> out = new ArrayList<>();
            for (Path p : s.sorted().toList()) {
                out.add(host.root().relativize(p) + (Files.isRegularFile(p) ? "=" + Files.readString(p) : "/"));
            }
            return out;
        }
    }
}
