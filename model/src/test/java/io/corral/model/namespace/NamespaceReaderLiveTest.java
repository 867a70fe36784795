package io.corral.model.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Namespaces made by the test with unshare(1) appear with the parents, owners and members
 * that lsns (util-linux) reports for them.
 */
@ExtendWith(LiveCgroups.class)
class NamespaceReaderLiveTest {
    private final NamespaceReader reader = NamespaceReader.live();

    @BeforeEach
    void live() {
        LiveCgroups.assumeLiveKernel();
    }

    /** The deepest descendant of {@code p} running {@code sleep}, once it is there. */
    static long sleeper(Process p) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Optional<ProcessHandle> s = p.descendants()
                    .filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false)).findFirst();
            if (p.toHandle().info().command().map(c -> c.endsWith("/sleep")).orElse(false)) {
                return p.pid();
            }
            if (s.isPresent()) {
                return s.get().pid();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no sleep started under " + p.pid());
    }

    /** lsns -J -o NS,TYPE,NPROCS,PNS,ONS, by inode. */
    static Map<Long, JsonNode> lsns() throws Exception {
        Process p = new ProcessBuilder("lsns", "-J", "-o", "NS,TYPE,NPROCS,PNS,ONS").redirectErrorStream(true).start();
        JsonNode root = new ObjectMapper().readTree(p.getInputStream());
        p.waitFor();
        Map<Long, JsonNode> byInode = new HashMap<>();
        for (JsonNode n : root.get("namespaces")) {
            byInode.put(n.get("ns").asLong(), n);
        }
        return byInode;
    }

    static void assertAgreesWithLsns(Namespace ns, JsonNode l) {
        assertEquals(ns.type().procName(), l.get("type").asText(), ns.id() + " type");
        assertEquals(ns.pids().size(), l.get("nprocs").asInt(), ns.id() + " nprocs");
        assertEquals(ns.parent().map(NamespaceId::inode).orElse(0L), l.get("pns").asLong(), ns.id() + " pns");
        assertEquals(ns.owner().map(NamespaceId::inode).orElse(0L), l.get("ons").asLong(), ns.id() + " ons");
    }

    @Test
    void nestedUserAndPidNamespacesHaveTheirParentsAndOwners(LiveCgroups live) throws Exception {
        Process p = live.start("unshare", "--user", "--map-root-user", "--pid", "--fork",
                "unshare", "--user", "--map-root-user", "--pid", "--fork", "sleep", "60");
        long sleep = sleeper(p);
        NamespaceSnapshot snap = reader.read();
        Map<Long, JsonNode> lsns = lsns();
        ProcessNamespaces s = snap.processes().get(sleep);
        ProcessNamespaces host = snap.processes().get(ProcessHandle.current().pid());

        Namespace u2 = snap.get(s.of(NamespaceType.USER).orElseThrow()).orElseThrow();
        Namespace u1 = snap.get(u2.parent().orElseThrow()).orElseThrow();
        assertEquals(host.of(NamespaceType.USER), u1.parent(), "outer user namespace's parent is ours");
        assertEquals(u1.parent(), u1.owner());
        assertEquals(Optional.of(u1.id()), u2.owner());

        Namespace p2 = snap.get(s.of(NamespaceType.PID).orElseThrow()).orElseThrow();
        Namespace p1 = snap.get(p2.parent().orElseThrow()).orElseThrow();
        assertEquals(host.of(NamespaceType.PID), p1.parent());
        assertEquals(Optional.of(u2.id()), p2.owner(), "a pid namespace is owned by the user namespace made with it");
        assertEquals(Optional.of(u1.id()), p1.owner());
        assertEquals(List.of(sleep), p2.pids());
        assertEquals(Map.of(sleep, 1L), p2.insidePids(), "the sleep is PID 1 of the inner namespace");
        assertEquals(List.of(p.pid()), p1.pidsForChildren(), "outer unshare: pid_for_children only");
        assertEquals(List.of(0L, 0L, 1L), flat(u2.user().orElseThrow().uidMap().orElseThrow()));
        assertEquals(0L, u1.user().orElseThrow().ownerUid().orElseThrow());
        for (Namespace ns : List.of(u1, u2, p1, p2)) {
            assertAgreesWithLsns(ns, lsns.get(ns.inode()));
        }
    }

    private static List<Long> flat(IdMap map) {
        return map.ranges().stream().flatMap(r -> java.util.stream.Stream.of(r.inside(), r.outside(), r.count())).toList();
    }

    @Test
    void aNetAndUtsPairAndAMountNamespaceAreSeparateNamespacesOwnedByTheHostUser(LiveCgroups live) throws Exception {
        Process pair = live.start("unshare", "--net", "--uts", "sleep", "60");
        Process mnt = live.start("unshare", "--mount", "sleep", "60");
        long pairPid = sleeper(pair);
        long mntPid = sleeper(mnt);
        NamespaceSnapshot snap = reader.read();
        Map<Long, JsonNode> lsns = lsns();
        ProcessNamespaces host = snap.processes().get(ProcessHandle.current().pid());
        ProcessNamespaces a = snap.processes().get(pairPid);
        ProcessNamespaces b = snap.processes().get(mntPid);
        for (NamespaceType t : List.of(NamespaceType.NET, NamespaceType.UTS)) {
            assertNotEquals(host.of(t), a.of(t));
            Namespace ns = snap.get(a.of(t).orElseThrow()).orElseThrow();
            assertEquals(List.of(pairPid), ns.pids());
            assertEquals(host.of(NamespaceType.USER), ns.owner());
            assertTrue(ns.parent().isEmpty(), t + " namespaces are not nested");
            assertAgreesWithLsns(ns, lsns.get(ns.inode()));
        }
        assertEquals(host.of(NamespaceType.MNT), a.of(NamespaceType.MNT));
        Namespace m = snap.get(b.of(NamespaceType.MNT).orElseThrow()).orElseThrow();
        assertEquals(List.of(mntPid), m.pids());
        assertAgreesWithLsns(m, lsns.get(m.inode()));
        assertEquals(java.util.Set.of(NamespaceType.NET, NamespaceType.UTS), snap.unsharedTypes(pairPid));
        assertEquals(java.util.Set.of(NamespaceType.MNT), snap.unsharedTypes(mntPid));
    }

    @Test
    void everyNamespaceOfTheHostAgreesWithLsns() throws Exception {
        NamespaceSnapshot before = reader.read();
        Map<Long, JsonNode> lsns = lsns();
        NamespaceSnapshot after = reader.read();
        int compared = 0;
        for (Namespace ns : before.namespaces().values()) {
            Optional<Namespace> again = after.get(ns.id());
            JsonNode l = lsns.get(ns.inode());
            if (again.isEmpty() || l == null) {
                continue; // came or went between the reads
            }
            assertEquals(ns.type().procName(), l.get("type").asText(), ns.id() + " type");
            assertEquals(ns.parent().map(NamespaceId::inode).orElse(0L), l.get("pns").asLong(), ns.id() + " pns");
            assertEquals(ns.owner().map(NamespaceId::inode).orElse(0L), l.get("ons").asLong(), ns.id() + " ons");
            // Our own (the initial) namespaces also hold lsns itself and whatever else the
            // machine starts meanwhile; compare member counts only for the others.
            boolean ours = before.processes().get(ProcessHandle.current().pid()).namespaces().containsValue(ns.id());
            if (!ours && ns.pids().equals(again.get().pids())) {
                assertEquals(ns.pids().size(), l.get("nprocs").asInt(), ns.id() + " nprocs");
            }
            compared++;
        }
        for (long inode : lsns.keySet()) {
            boolean inBoth = before.namespaces().keySet().stream().anyMatch(id -> id.inode() == inode)
                    && after.namespaces().keySet().stream().anyMatch(id -> id.inode() == inode);
            boolean inNeither = before.namespaces().keySet().stream().noneMatch(id -> id.inode() == inode)
                    && after.namespaces().keySet().stream().noneMatch(id -> id.inode() == inode);
            assertTrue(inBoth || !inNeither, "lsns lists " + inode + ", which neither read found");
        }
        assertTrue(compared >= NamespaceType.values().length, "at least the initial namespaces");
        assertTrue(before.problems().isEmpty(), before.problems().toString());
    }
}
