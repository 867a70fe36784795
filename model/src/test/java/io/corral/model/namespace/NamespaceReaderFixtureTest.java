package io.corral.model.namespace;

import io.corral.model.proc.ProcFs;
import io.corral.model.cgroup.GroupPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader on a fixture /proc: a host (pid 1, 100) and a container (pids 200, 201) with
 * its own user, pid, net and mnt namespaces in group /ct, whose user namespace's parent
 * holds no process.
 */
class NamespaceReaderFixtureTest {
    static final long USER0 = 4026531837L, PID0 = 4026531836L, NET0 = 4026531833L, MNT0 = 4026531832L;
    static final long USER_GAP = 4026532100L, USER1 = 4026532200L, PID1 = 4026532201L, NET1 = 4026532202L,
            MNT1 = 4026532203L;
    static final long OTHER = 4026531800L; // cgroup, ipc, time, uts: shared by all

    @TempDir
    Path root;
    private NamespaceSnapshot snap;

    private static NamespaceId id(NamespaceType t, long inode) {
        return new NamespaceId(t, inode);
    }

    private void process(long pid, long user, long pidNs, long net, long mnt, String nspid, String cgroup)
            throws IOException {
        Path dir = root.resolve("proc").resolve(Long.toString(pid));
        Files.createDirectories(dir.resolve("ns"));
        Map<String, String> links = new HashMap<>();
        links.put("user", "user:[" + user + "]");
        links.put("pid", "pid:[" + pidNs + "]");
        links.put("pid_for_children", "pid:[" + pidNs + "]");
        links.put("net", "net:[" + net + "]");
        links.put("mnt", "mnt:[" + mnt + "]");
        links.put("cgroup", "cgroup:[" + OTHER + "]");
        links.put("ipc", "ipc:[" + (OTHER + 1) + "]");
        links.put("uts", "uts:[" + (OTHER + 2) + "]");
        links.put("time", "time:[" + (OTHER + 3) + "]");
        links.put("time_for_children", "time:[" + (OTHER + 3) + "]");
        for (Map.Entry<String, String> e : links.entrySet()) {
            Files.createSymbolicLink(dir.resolve("ns").resolve(e.getKey()), Path.of(e.getValue()));
        }
        Files.writeString(dir.resolve("status"), "Name:\tx\nNSpid:\t" + nspid + "\nUid:\t0\n");
        Files.writeString(dir.resolve("cgroup"), cgroup);
        Files.writeString(dir.resolve("uid_map"), user == USER0 ? "         0          0 4294967295\n"
                : "         0     100000      65536\n");
        Files.writeString(dir.resolve("gid_map"), user == USER0 ? "         0          0 4294967295\n" : "");
        Files.writeString(dir.resolve("setgroups"), "allow\n");
    }

    /** The ioctl answers, as a table keyed by the namespace a file names. */
    private NamespaceRelations table() {
        Map<NamespaceId, NsRelations> t = new HashMap<>();
        Optional<NamespaceId> u0 = Optional.of(id(NamespaceType.USER, USER0));
        t.put(id(NamespaceType.USER, USER0), new NsRelations(id(NamespaceType.USER, USER0), Optional.empty(),
                Optional.empty(), OptionalLong.of(0)));
        t.put(id(NamespaceType.USER, USER_GAP), new NsRelations(id(NamespaceType.USER, USER_GAP), u0, u0,
                OptionalLong.of(1000)));
        Optional<NamespaceId> gap = Optional.of(id(NamespaceType.USER, USER_GAP));
        Optional<NamespaceId> u1 = Optional.of(id(NamespaceType.USER, USER1));
        t.put(u1.get(), new NsRelations(u1.get(), gap, gap, OptionalLong.of(1000)));
        t.put(id(NamespaceType.PID, PID1), new NsRelations(id(NamespaceType.PID, PID1),
                Optional.of(id(NamespaceType.PID, PID0)), u1, OptionalLong.empty()));
        t.put(id(NamespaceType.NET, NET1), new NsRelations(id(NamespaceType.NET, NET1), Optional.empty(), u1,
                OptionalLong.empty()));
        t.put(id(NamespaceType.MNT, MNT1), new NsRelations(id(NamespaceType.MNT, MNT1), Optional.empty(), u1,
                OptionalLong.empty()));
        return (file, known) -> {
            NamespaceId self = NamespaceId.parseLink(Files.readSymbolicLink(file).toString());
            NsRelations r = t.getOrDefault(self, new NsRelations(self, Optional.empty(), u0, OptionalLong.empty()));
            known.putIfAbsent(self, r);
            // the walk reaches parents and owners too
            for (Optional<NamespaceId> next = r.owner(); next.isPresent(); next = t.get(next.get()).owner()) {
                known.putIfAbsent(next.get(), t.get(next.get()));
            }
        };
    }

    @BeforeEach
    void read() throws Exception {
        String hostGroups = "1:cpu:/\n0::/init.scope\n";
        String ctGroups = "1:cpu,cpuacct:/ct\n0::/ct\n";
        process(1, USER0, PID0, NET0, MNT0, "1", hostGroups);
        process(100, USER0, PID0, NET0, MNT0, "100", hostGroups);
        process(200, USER1, PID1, NET1, MNT1, "200\t1", ctGroups);
        process(201, USER1, PID1, NET1, MNT1, "201\t2", ctGroups);
        snap = new NamespaceReader(new ProcFs(root), table()).read();
    }

    @Test
    void aUserNamespaceWithoutProcessesAppearsThroughItsChild() {
        Namespace gap = snap.get(id(NamespaceType.USER, USER_GAP)).orElseThrow();
        assertEquals(List.of(), gap.pids());
        assertEquals(List.of(id(NamespaceType.USER, USER1)),
                snap.children(gap.id()).stream().map(Namespace::id).toList());
        assertEquals(OptionalLong.of(1000), gap.user().orElseThrow().ownerUid());
        assertTrue(gap.user().orElseThrow().uidMap().isEmpty(), "no process to read its map through");
    }

    @Test
    void membersAndTheirPidsInside() {
        Namespace pid1 = snap.get(id(NamespaceType.PID, PID1)).orElseThrow();
        assertEquals(List.of(200L, 201L), pid1.pids());
        assertEquals(Map.of(200L, 1L, 201L, 2L), pid1.insidePids());
        assertEquals(Optional.of(id(NamespaceType.PID, PID0)), pid1.parent());
    }

    @Test
    void userMapsTranslateBothWaysAndAnUnwrittenMapIsEmpty() {
        UserNamespaceInfo u = snap.get(id(NamespaceType.USER, USER1)).orElseThrow().user().orElseThrow();
        assertEquals(OptionalLong.of(100000), u.uidToHost(0));
        assertEquals(OptionalLong.of(5), u.uidToInside(100005));
        assertTrue(u.gidMap().orElseThrow().isEmpty());
        assertEquals(Optional.of("allow"), u.setgroups());
    }

    @Test
    void namespacesKnowTheirGroupsAndGroupsTheirNamespaces() {
        Namespace net1 = snap.get(id(NamespaceType.NET, NET1)).orElseThrow();
        assertEquals(Set.of(GroupPath.ofKernel("/ct")), net1.groupsIn("cpu,cpuacct"));
        assertEquals(Set.of(GroupPath.ofKernel("/ct")), net1.groupsIn("unified"));
        assertEquals(List.of(id(NamespaceType.MNT, MNT1), id(NamespaceType.NET, NET1), id(NamespaceType.PID, PID1),
                        id(NamespaceType.USER, USER1)),
                snap.ownNamespacesOfGroup("unified", GroupPath.ofKernel("/ct")));
        assertEquals(List.of(), snap.ownNamespacesOfGroup("unified", GroupPath.ofKernel("/init.scope")));
    }

    @Test
    void theHostsNamespacesAreThoseOfPid1() {
        assertEquals(Set.of(NamespaceType.USER, NamespaceType.PID, NamespaceType.NET, NamespaceType.MNT),
                snap.unsharedTypes(201));
        assertEquals(Set.of(), snap.unsharedTypes(100));
        assertEquals(List.of(id(NamespaceType.PID, PID1), id(NamespaceType.NET, NET1), id(NamespaceType.MNT, MNT1))
                        .stream().sorted().toList(),
                snap.ownedBy(id(NamespaceType.USER, USER1)).stream().map(Namespace::id).toList());
    }
}
