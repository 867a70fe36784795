package io.corral.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code corral ns} and {@code corral launch} end to end on the live kernel. */
@ExtendWith(LiveCgroups.class)
class NsAndLaunchCliTest {
    private static final Path CPU = LiveCgroups.CGROUP_ROOT.resolve("cpu");
    private static final Path FREEZER = LiveCgroups.CGROUP_ROOT.resolve("freezer");

    @TempDir
    Path logs;

    record Result(int status, String out, String err) {
    }

    static Result corral(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CorralCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void live() {
        LiveCgroups.assumeLiveKernel();
    }

    @Test
    void nsJsonListsANestedUserNamespaceWithItsParentOwnerPidsAndMap(LiveCgroups live) throws Exception {
        Process p = live.start("unshare", "--user", "--map-root-user", "sleep", "60");
        long pid = p.pid();
        for (int i = 0; i < 200 && Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/user"))
                .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/user"))); i++) {
            Thread.sleep(5);
        }
        Result r = corral("ns", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        String link = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/user")).toString();
        long inode = Long.parseLong(link.substring(link.indexOf('[') + 1, link.length() - 1));
        String host = Files.readSymbolicLink(Path.of("/proc/self/ns/user")).toString();
        long hostInode = Long.parseLong(host.substring(host.indexOf('[') + 1, host.length() - 1));
        JsonNode found = null;
        for (JsonNode n : root.get("namespaces")) {
            if (n.get("inode").asLong() == inode) {
                found = n;
            }
            for (String field : List.of("type", "inode", "parent", "owner", "pids")) {
                assertTrue(n.has(field), field + " in " + n);
            }
        }
        assertTrue(found != null, "namespace " + inode + " in " + r.out());
        assertEquals("user", found.get("type").asText());
        assertEquals(hostInode, found.get("parent").asLong());
        assertEquals(hostInode, found.get("owner").asLong());
        assertEquals(pid, found.get("pids").get(0).asLong());
        assertEquals("[[0,0,1]]", found.get("uidMap").toString());
        assertEquals("deny", found.get("setgroups").asText());

        Result text = corral("ns");
        assertEquals(0, text.status());
        assertTrue(text.out().contains("  user:[" + inode + "]  1 process (" + pid + ")"), text.out());
    }

    @Test
    void launchPutsTheCommandInTheGroupBeforeItRunsAndInTheRequestedNamespaces(LiveCgroups live) throws Exception {
        LiveCgroups.assumeHierarchy(CPU);
        LiveCgroups.assumeHierarchy(FREEZER);
        String name = LiveCgroups.newName();
        live.mkdir(CPU, name);
        live.mkdir(FREEZER, name);
        Result r = corral("launch", "cpu,freezer:/" + name, "--ns", "pid,mnt", "--log-dir", logs.toString(), "--",
                "sh", "-c", "cat /proc/self/cgroup; readlink /proc/self/ns/pid /proc/self/ns/mnt; echo $$; exec sleep 60");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("pid "), r.out());
        assertTrue(lines.get(1).startsWith("init "), r.out());
        Path log = Path.of(lines.get(2).substring("log ".length()));
        assertTrue(log.startsWith(logs));
        assertTrue(lines.get(3).contains("unshare --mount --pid --fork --mount-proc setsid sh -c"), r.out());
        List<String> logLines = new ArrayList<>();
        for (int i = 0; i < 500 && logLines.size() < 13; i++) {
            Thread.sleep(10);
            logLines = Files.readAllLines(log);
        }
        assertTrue(logLines.contains("6:freezer:/" + name) || logLines.stream().anyMatch(l -> l.endsWith(":freezer:/" + name)),
                logLines.toString());
        assertTrue(logLines.stream().anyMatch(l -> l.endsWith(":cpu:/" + name)), logLines.toString());
        String hostPid = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        String hostMnt = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        assertTrue(logLines.stream().anyMatch(l -> l.startsWith("pid:[")), logLines.toString());
        logLines.stream().filter(l -> l.startsWith("pid:[")).forEach(l -> assertNotEquals(hostPid, l));
        logLines.stream().filter(l -> l.startsWith("mnt:[")).forEach(l -> assertNotEquals(hostMnt, l));
        assertEquals("2", logLines.get(logLines.size() - 1), "the command is PID 2, under the init");
    }

    @Test
    void launchWritesTheGivenMapsAndRefusesBadOnesBeforeStartingAnything(LiveCgroups live) throws Exception {
        LiveCgroups.assumeHierarchy(CPU);
        String name = LiveCgroups.newName();
        live.mkdir(CPU, name);
        Result bad = corral("launch", "cpu:/" + name, "--uid-map", "0 1000 10;5 2000 10", "--log-dir", logs.toString(),
                "--", "true");
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("overlaps line 1"), bad.err());
        assertEquals("", Files.readString(CPU.resolve(name).resolve("cgroup.procs")), "nothing was started");

        Result unknown = corral("launch", "cpu:/" + name, "--ns", "pid,nett", "--", "true");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown namespace type \"nett\""), unknown.err());

        Result r = corral("launch", "cpu:/" + name, "--uid-map", "0 100000 1000", "--gid-map", "0 100000 1000",
                "--log-dir", logs.toString(), "--json", "--", "cat", "/proc/self/uid_map", "/proc/self/gid_map");
        assertEquals(0, r.status(), r.err());
        JsonNode out = new ObjectMapper().readTree(r.out());
        Path log = Path.of(out.get("log").asText());
        assertTrue(out.get("unshare").asText().startsWith("unshare --user cat"), r.out());
        List<String> lines = List.of();
        for (int i = 0; i < 500 && lines.size() < 2; i++) {
            Thread.sleep(10);
            lines = Files.readAllLines(log);
        }
        assertEquals(List.of("0 100000 1000", "0 100000 1000"),
                lines.stream().map(l -> String.join(" ", l.trim().split("\\s+"))).toList());
    }

    @Test
    void launchRefusesAMissingGroupWithOneLine(LiveCgroups live) {
        Result r = corral("launch", "cpu:/" + LiveCgroups.newName(), "--", "true");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("corral: group ") && r.err().contains("does not exist"), r.err());
        assertEquals(1, r.err().lines().count());
    }
}
