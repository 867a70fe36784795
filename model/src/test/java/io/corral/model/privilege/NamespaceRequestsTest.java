package io.corral.model.privilege;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.command.Command;
import io.corral.model.command.CommandEngine;
import io.corral.model.command.GroupRef;
import io.corral.model.cgroup.GroupPath;
import io.corral.model.launch.LaunchSpec;
import io.corral.model.launch.UserMapping;
import io.corral.model.limit.Setting;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.testing.FakeTasks;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The helper takes {@code launch} and {@code write-id-map} like the group commands: decoded
 * strictly (group directories rebuilt beneath this host's mounts, no relative or dotted
 * paths, no NUL, no unknown fields, PIDs as JSON integers), and then vetted for the user
 * who asked: id maps only of that user's processes onto its own and subordinate ids,
 * launches only without a new user namespace. Every refusal is typed and writes nothing.
 */
class NamespaceRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Requester ALICE = new Requester(1001, 1001, "alice");

    @TempDir
    Path dir;
    private FixtureHost host;
    private List<Hierarchy> hierarchies;
    private final List<String> writes = new ArrayList<>();
    private CommandEngine engine;

    @BeforeEach
    void host() throws Exception {
        host = FixtureHost.hybrid(dir);
        host.cgroup("pids", "/corral-test-a", "pids.max", "max\n");
        hierarchies = new HierarchyDiscovery(host.fs()).discover();
        FakeTasks tasks = new FakeTasks();
        tasks.follow(host.fs(), hierarchies, writes);
        engine = new CommandEngine(host.fs(), tasks, Optional.empty(), CommandEngine.Mode.CALLER_THREAD);
        proc(4000, 1001);
        proc(4001, 1002);
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/subuid"), "bob:200000:65536\nalice:100000:65536\n");
        Files.writeString(dir.resolve("etc/subgid"), "1001:300000:10\n");
    }

    private void proc(int pid, int uid) throws Exception {
        Path status = dir.resolve("proc/" + pid + "/status");
        Files.createDirectories(status.getParent());
        Files.writeString(status, "Name:\tsleep\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
    }

    private HelperServer server(Optional<Requester> who) {
        return new HelperServer(new CommandDecoder(hierarchies), engine, new HelperPolicy(who, dir));
    }

    private static String kind(String answer) throws Exception {
        JsonNode n = JSON.readTree(answer);
        return n.has("error") ? n.path("error").path("kind").asText() : n.path("outcome").asText();
    }

    private static final String PIDS = "/sys/fs/cgroup/pids";

    /** Request 2: write-id-map with these raw JSON values of pid, kind and map. */
    private static String idMap(String pid, String kind, String map) {
        return "{\"id\":2,\"command\":{\"type\":\"write-id-map\",\"pid\":" + pid + ",\"kind\":" + kind + ",\"map\":"
                + map + "}}";
    }

    static Stream<Arguments> malformed() {
        String launch = "{\"id\":1,\"command\":{\"type\":\"launch\",";
        String sleep = launch + "\"command\":[\"sleep\"],";
        Stream<Arguments> some = Stream.of(
                Arguments.of(launch + "\"groups\":[]}}", "BAD_FIELD"),
                Arguments.of(launch + "\"command\":[]}}", "BAD_FIELD"),
                Arguments.of(launch + "\"command\":\"sleep 5\"}}", "BAD_FIELD"),
                Arguments.of(launch + "\"command\":[5]}}", "INVALID_ARGUMENT"),
                Arguments.of(launch + "\"command\":[\"\"]}}", "INVALID_ARGUMENT"),
                Arguments.of(launch + "\"command\":[\"sle\\u0000ep\"]}}", "INVALID_ARGUMENT"),
                Arguments.of(launch + "\"command\":[" + "\"x\",".repeat(256) + "\"x\"]}}", "BAD_FIELD"),
                Arguments.of(sleep + "\"shell\":\"/bin/sh\"}}", "UNKNOWN_FIELD"),
                Arguments.of(sleep + "\"groups\":[\"/etc\"]}}", "UNKNOWN_HIERARCHY"),
                Arguments.of(sleep + "\"groups\":[\"/sys/fs/cgroup/pids2/x\"]}}", "UNKNOWN_HIERARCHY"),
                Arguments.of(sleep + "\"workingDir\":\"tmp\"}}", "INVALID_ARGUMENT"),
                Arguments.of(sleep + "\"workingDir\":\"/tmp/../root\"}}", "INVALID_ARGUMENT"),
                Arguments.of(sleep + "\"environment\":{\"A=B\":\"c\"}}}", "INVALID_ARGUMENT"),
                Arguments.of(sleep + "\"environment\":{\"BASH_FUNC_x%%\":\"() { id; }\"}}}", "INVALID_ARGUMENT"),
                Arguments.of(sleep + "\"environment\":{\"N\":5}}}", "INVALID_ARGUMENT"),
                Arguments.of(sleep + "\"environment\":[\"N=5\"]}}", "BAD_FIELD"),
                Arguments.of(sleep + "\"namespaces\":[\"bogus\"]}}", "INVALID_ARGUMENT"),
                Arguments.of(sleep + "\"userMapping\":\"root-please\"}}", "INVALID_ARGUMENT"),
                Arguments.of(sleep + "\"userMapping\":\"explicit\",\"uidMap\":\"0 0\",\"gidMap\":\"\"}}",
                        "INVALID_ARGUMENT"),
                Arguments.of(idMap("4000", "\"UID\"", "\"0 1001 1\",\"path\":\"/proc/1/uid_map\""), "UNKNOWN_FIELD"),
                Arguments.of("{\"id\":2,\"command\":{\"type\":\"write-id-map\",\"kind\":\"UID\",\"map\":\"0 1001 1\"}}",
                        "INVALID_ARGUMENT"));
        // group directories that are relative, dotted, a file, or not one name a line
        Stream<Arguments> groups = Stream.of(PIDS + "/../../../../etc", PIDS + "/./x", "sys/fs/cgroup/pids/x",
                        PIDS + "/corral-test-a/cgroup.procs", PIDS + "/a\\nb")
                .map(g -> Arguments.of(sleep + "\"groups\":[\"" + g + "\"]}}", "INVALID_ARGUMENT"));
        // PIDs that are not JSON integers of a possible process, kinds and maps the kernel refuses
        Stream<Arguments> pids = Stream.of("\"4000\"", "0", "-1", "4000.5", "99999999")
                .map(pid -> Arguments.of(idMap(pid, "\"UID\"", "\"0 1001 1\""), "INVALID_ARGUMENT"));
        Stream<Arguments> kinds = Stream.of("\"uid\"", "\"PROJID\"")
                .map(kind -> Arguments.of(idMap("4000", kind, "\"0 1001 1\""), "INVALID_ARGUMENT"));
        Stream<Arguments> maps = Stream.of("\"\"", "\"0 1001 0\"", "\"0 4294967295 2\"", "\"0 1001 5\\n3 2000 1\"")
                .map(map -> Arguments.of(idMap("4000", "\"UID\"", map), "INVALID_ARGUMENT"));
        return Stream.of(some, groups, pids, kinds, maps).flatMap(a -> a);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedOrHostileProcessRequestsAreRefusedTypedAndWriteNothing(String line, String expected) throws Exception {
        String answer = server(Optional.of(ALICE)).handle(line);
        assertEquals(expected, kind(answer), answer);
        assertTrue(writes.isEmpty(), writes.toString());
    }

    private Command.WriteIdMap map(long pid, IdMapKind kind, String map) throws Exception {
        return new Command.WriteIdMap(pid, kind, IdMap.parse(map));
    }

    private Command.Launch launch(List<String> argv, Set<NamespaceType> ns, UserMapping m) {
        return new Command.Launch(new LaunchSpec(argv, Optional.of(Path.of("/tmp")), Map.of("LANG", "C"), ns, m,
                List.of(Path.of(PIDS, "corral-test-a"))));
    }

    static Stream<Arguments> policy() {
        return Stream.of(
                Arguments.of("own uid", 4000L, IdMapKind.UID, "0 1001 1", null),
                Arguments.of("subordinate uids by name", 4000L, IdMapKind.UID, "0 1001 1\n1 100000 65536", null),
                Arguments.of("subordinate gids by uid", 4000L, IdMapKind.GID, "0 1001 1\n1 300000 10", null),
                Arguments.of("host root", 4000L, IdMapKind.UID, "0 0 1", "outside ids 0-0 are not yours"),
                Arguments.of("one past the subordinate range", 4000L, IdMapKind.UID, "0 100000 65537",
                        "outside ids 100000-165536 are not yours"),
                Arguments.of("another user's subordinate range", 4000L, IdMapKind.UID, "0 200000 10",
                        "(100000-165535)"),
                Arguments.of("another user's process", 4001L, IdMapKind.UID, "0 1001 1", "runs as uid 1002, not as you"),
                Arguments.of("no such process", 4999L, IdMapKind.UID, "0 1001 1", "process 4999 does not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policy")
    void idMapsOnlyOfOwnProcessesOntoOwnAndSubordinateIds(String what, long pid, IdMapKind kind, String map,
                                                          String refusal) throws Exception {
        Optional<String> r = new HelperPolicy(Optional.of(ALICE), dir).refusal(map(pid, kind, map));
        if (refusal == null) {
            assertEquals(Optional.empty(), r);
        } else {
            assertTrue(r.isPresent() && r.get().contains(refusal), r.toString());
        }
    }

    @Test
    void launchesRunAsTheUserButNeverMakeAUserNamespace() throws Exception {
        HelperPolicy alice = new HelperPolicy(Optional.of(ALICE), dir);
        assertEquals(Optional.empty(), alice.refusal(launch(List.of("sleep", "5"), Set.of(NamespaceType.PID,
                NamespaceType.MNT), UserMapping.UNMAPPED)));
        assertTrue(alice.refusal(launch(List.of("sleep", "5"), Set.of(NamespaceType.USER), UserMapping.UNMAPPED))
                .orElse("").contains("runs as you, without administrative access"));
        assertTrue(alice.refusal(launch(List.of("sleep"), Set.of(), new UserMapping.MapRoot())).isPresent());
        assertTrue(alice.refusal(launch(List.of("PATH=/tmp", "x"), Set.of(), UserMapping.UNMAPPED)).orElse("")
                .contains("name it by its path"));
        assertTrue(alice.refusal(launch(List.of("--split-string=id"), Set.of(), UserMapping.UNMAPPED)).isPresent());
    }

    @Test
    void aRootClientIsNotRestricted() throws Exception {
        for (Optional<Requester> root : List.of(Optional.<Requester>empty(),
                Optional.of(new Requester(0, 0, "root")))) {
            HelperPolicy p = new HelperPolicy(root, dir);
            assertEquals(Optional.empty(), p.refusal(map(4001, IdMapKind.UID, "0 0 1")));
            assertEquals(Optional.empty(), p.refusal(launch(List.of("sleep"), Set.of(NamespaceType.USER),
                    new UserMapping.MapRoot())));
        }
    }

    @Test
    void aSequenceWithOneRefusedStepRunsNoneOfIt() throws Exception {
        GroupRef a = new GroupRef(hierarchies.stream().filter(h -> h.id().equals("pids")).findFirst().orElseThrow(),
                GroupPath.ofKernel("/corral-test-a"));
        Command seq = new Command.Sequence("limit then map", List.of(new Command.SetLimits(a,
                List.of(Setting.parse("pids.max=9"))), map(4000, IdMapKind.UID, "0 0 1")), true);
        String answer = server(Optional.of(ALICE)).handle(HelperProtocol.request(3, seq));
        assertEquals("NOT_PERMITTED", kind(answer), answer);
        assertTrue(answer.contains("outside ids 0-0 are not yours"), answer);
        assertTrue(writes.isEmpty(), "the limit before the refused map was not written: " + writes);
    }

    @Test
    void launchAndIdMapRoundTripThroughTheWireForm() throws Exception {
        CommandDecoder decoder = new CommandDecoder(hierarchies);
        List<Command> commands = List.of(
                launch(List.of("sleep", "", "5"), Set.of(NamespaceType.PID, NamespaceType.MNT), UserMapping.UNMAPPED),
                new Command.Launch(new LaunchSpec(List.of("id"), Optional.empty(), Map.of(), Set.of(NamespaceType.USER),
                        new UserMapping.Explicit(IdMap.parse("0 1001 1"), IdMap.parse("0 1001 1")), List.of())),
                map(4000, IdMapKind.GID, "0 1001 1\n1 300000 10"));
        for (Command c : commands) {
            assertEquals(c, HelperProtocol.parseRequest(HelperProtocol.request(7, c), decoder).command());
        }
    }

    @Test
    void theHelperAnswersAnAllowedLaunchWithTheEnginesResult() throws Exception {
        // This engine has no launcher (a fixture host): the request passes decoding and the
        // policy and comes back as the engine's own rejection, not as a protocol error.
        String answer = server(Optional.of(ALICE)).handle(HelperProtocol.request(4, launch(List.of("sleep", "5"),
                Set.of(), UserMapping.UNMAPPED)));
        assertEquals("rejected", kind(answer), answer);
        assertTrue(answer.contains("cannot launch processes"), answer);
    }
}
