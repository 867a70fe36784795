package io.corral.views.state;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.GroupRef;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.GroupKey;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.SnapshotReader;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's privileges from the model's verdicts on a fixture cgroup2 host where uid
 * 1000 owns a delegated subtree: the status-bar text, and the per-group reasons the
 * actions, drops and the limits editor show.
 */
class PrivilegeSourceTest {
    private static final int USER = 1000;
    @TempDir
    Path dir;
    private final Map<Path, Integer> owners = new HashMap<>();
    private CgroupFs fs;
    private HostSnapshot snapshot;
    private Hierarchy unified;

    @BeforeEach
    void host() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        for (String g : List.of("/corral-test-d/a", "/corral-test-other")) {
            host.cgroup("unified", g);
        }
        host.process(1).command("init", "/sbin/init").write();
        fs = host.fs();
        snapshot = new SnapshotReader(fs, new ProcFs(host.root())).read();
        unified = snapshot.hierarchies().get(0).hierarchy();
        for (String g : List.of("/corral-test-d", "/corral-test-d/a")) {
            Path d = ref(g).dir(fs);
            owners.put(d, USER);
            for (String f : List.of("cgroup.procs", "cgroup.subtree_control", "cgroup.threads")) {
                owners.put(d.resolve(f), USER);
            }
        }
        owners.put(ref("/corral-test-d/a").dir(fs).resolve("cgroup.max.descendants"), USER);
    }

    private GroupRef ref(String path) {
        return new GroupRef(unified, GroupPath.ofKernel(path));
    }

    private io.corral.model.privilege.Privileges model(int uid) {
        return new io.corral.model.privilege.Privileges(fs, uid, new io.corral.model.privilege.Privileges.Access() {
            @Override
            public OptionalInt owner(Path p) {
                return fs.exists(p) ? OptionalInt.of(owners.getOrDefault(p, 0)) : OptionalInt.empty();
            }

            @Override
            public boolean writable(Path p) {
                return uid == 0 || owners.getOrDefault(p, 0) == uid;
            }
        });
    }

    @Test
    void rootIsSaidByTheEffectiveUidAndMayDoEverything() {
        Privileges p = new PrivilegeSource(model(0)).apply(snapshot);
        assertTrue(p.root());
        assertTrue(p.describe().startsWith("running as root"), p.describe());
        assertEquals(Optional.empty(), p.refuseConfigure(ref("/corral-test-other"), "cgroup.max.descendants"));
    }

    @Test
    void aUserWithADelegatedSubtreeMayChangeOnlyInsideIt() {
        Privileges p = new PrivilegeSource(model(USER)).apply(snapshot);
        assertEquals(List.of("/corral-test-d"), p.delegated(), "topmost delegated group only");
        assertEquals("delegated: /corral-test-d", p.describe());
        assertTrue(p.canWrite());
        assertEquals(Optional.empty(), p.refuseCreateIn(ref("/corral-test-d")));
        assertEquals(Optional.empty(), p.refuseConfigure(ref("/corral-test-d/a"), "cgroup.max.descendants"));
        String own = p.refuseConfigure(ref("/corral-test-d"), "cgroup.max.descendants").orElseThrow();
        assertTrue(own.contains("delegated group's own limits"), own);
        String other = p.refuseCreateIn(ref("/corral-test-other")).orElseThrow();
        assertTrue(other.contains("not delegated to you") && other.contains("administrative access"), other);
        String move = p.refuseMove(new GroupKey(unified.id(), GroupPath.ofKernel("/corral-test-other")),
                new GroupKey(unified.id(), GroupPath.ofKernel("/corral-test-d/a"))).orElseThrow();
        assertTrue(move.contains("common ancestor"), move);
        assertEquals(Optional.empty(), p.refuseMove(new GroupKey(unified.id(), GroupPath.ofKernel("/corral-test-d")),
                new GroupKey(unified.id(), GroupPath.ofKernel("/corral-test-d/a"))));
    }

    @Test
    void aUserWithNothingDelegatedIsReadOnlyWithTheReasonUntilAdministrativeAccess() {
        PrivilegeSource source = new PrivilegeSource(model(2000));
        Privileges p = source.apply(snapshot);
        assertFalse(p.canWrite());
        assertTrue(p.describe().startsWith("read-only: not root (uid 2000)"), p.describe());
        assertTrue(p.refuseCreateIn(ref("/corral-test-d")).isPresent());

        source.setAdministrativeAccess(Optional.of("sudo"));
        Privileges admin = source.apply(snapshot);
        assertEquals("administrative access (helper via sudo)", admin.describe());
        assertEquals(Optional.empty(), admin.refuseCreateIn(ref("/corral-test-other")));
    }
}
