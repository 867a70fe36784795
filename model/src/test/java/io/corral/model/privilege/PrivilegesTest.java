package io.corral.model.privilege;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.command.GroupRef;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The privilege probe on a fixture v2 host with a subtree delegated to uid 1001 the way
 * systemd's {@code Delegate=} does it: the directory and its cgroup.procs,
 * cgroup.subtree_control and cgroup.threads belong to the user, the rest to root.
 */
class PrivilegesTest {
    private static final int USER = 1001;

    @TempDir
    Path dir;
    private CgroupFs fs;
    private Hierarchy unified;
    private final Map<Path, Integer> owners = new HashMap<>();
    private Privileges user;

    @BeforeEach
    void host() throws Exception {
        FixtureHost host = FixtureHost.unified(dir);
        for (String g : List.of("/corral-test-d/a", "/corral-test-d/b", "/corral-test-other")) {
            host.cgroup("unified", g);
        }
        fs = host.fs();
        unified = new HierarchyDiscovery(fs).discover().get(0);
        delegate("/corral-test-d", false);
        delegate("/corral-test-d/a", true);
        delegate("/corral-test-d/b", true);
        user = new Privileges(fs, USER, new Privileges.Access() {
            @Override
            public OptionalInt owner(Path p) {
                return fs.exists(p) ? OptionalInt.of(owners.getOrDefault(p, 0)) : OptionalInt.empty();
            }

            @Override
            public boolean writable(Path p) {
                return owners.getOrDefault(p, 0) == USER;
            }
        });
    }

    /** chown of the delegated directory and its three files; {@code all} for groups the user made. */
    private void delegate(String path, boolean all) {
        Path d = g(path).dir(fs);
        owners.put(d, USER);
        for (String f : List.of("cgroup.procs", "cgroup.subtree_control", "cgroup.threads")) {
            owners.put(d.resolve(f), USER);
        }
        if (all) {
            owners.put(d.resolve("memory.max"), USER);
        }
    }

    private GroupRef g(String path) {
        return new GroupRef(unified, GroupPath.ofKernel(path));
    }

    @Test
    void movesInsideTheDelegatedSubtreeAreAllowed() {
        Privileges.Verdict v = user.canMove(g("/corral-test-d/a"), g("/corral-test-d/b"), OptionalInt.of(USER));
        assertTrue(v.allowed(), v.reason());
    }

    @Test
    void movesOutOfTheSubtreeNeedTheCommonAncestorAndSaySo() {
        Privileges.Verdict v = user.canMove(g("/corral-test-d/a"), g("/corral-test-other"), OptionalInt.of(USER));
        assertFalse(v.allowed());
        assertTrue(v.reason().contains("cannot move into unified:/corral-test-other"), v.reason());
        // Into the delegated subtree from outside it: the target is writable, the common ancestor (root) is not.
        Privileges.Verdict in = user.canMove(g("/corral-test-other"), g("/corral-test-d/a"), OptionalInt.of(USER));
        assertFalse(in.allowed());
        assertTrue(in.reason().contains("common ancestor unified:/"), in.reason());
    }

    @Test
    void theDelegatedRootsOwnLimitsStayWithRootButChildGroupsAreTheUsers() {
        Privileges.Verdict own = user.canConfigure(g("/corral-test-d"), "memory.max");
        assertFalse(own.allowed());
        assertTrue(own.reason().contains("set them on a child group you create"), own.reason());
        assertTrue(user.canConfigure(g("/corral-test-d/a"), "memory.max").allowed());
        assertTrue(user.canConfigure(g("/corral-test-d"), "cgroup.subtree_control").allowed());
        assertTrue(user.canCreateIn(g("/corral-test-d")).allowed());
        assertFalse(user.canCreateIn(g("/corral-test-other")).allowed());
        assertTrue(user.canCreateIn(g("/corral-test-other")).reason().contains("not delegated to you"));
        assertFalse(user.canRemove(g("/corral-test-d")).allowed(), "the delegation root's parent is root's");
        assertTrue(user.canRemove(g("/corral-test-d/a")).allowed());
    }

    @Test
    void delegationIsOwnerPlusWritableFiles() {
        assertTrue(user.isDelegated(g("/corral-test-d")));
        assertFalse(user.isDelegated(g("/corral-test-other")));
        assertFalse(user.isRoot());
        Privileges root = new Privileges(fs, 0, new Privileges.Access() {
            @Override
            public OptionalInt owner(Path p) {
                return OptionalInt.of(0);
            }

            @Override
            public boolean writable(Path p) {
                return true;
            }
        });
        assertTrue(root.canMove(g("/corral-test-d/a"), g("/corral-test-other"), OptionalInt.of(USER)).allowed());
    }

    @Test
    void commonAncestorIsByComponents() {
        assertEquals(GroupPath.ofKernel("/a"), Privileges.commonAncestor(GroupPath.ofKernel("/a/foo"),
                GroupPath.ofKernel("/a/foo2")));
        assertEquals(GroupPath.ROOT, Privileges.commonAncestor(GroupPath.ofKernel("/foo"), GroupPath.ofKernel("/foo2")));
    }

    @Test
    void thisProcessIsProbedFromProcSelf() {
        Privileges me = Privileges.ofThisProcess(CgroupFs.live());
        assertEquals("root".equals(System.getProperty("user.name")), me.isRoot());
    }
}
