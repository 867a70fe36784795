package io.corral.views.tree;

import io.corral.model.sample.GroupKey;
import io.corral.views.state.GroupRow;
import io.corral.views.testing.FakeHost;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.corral.views.testing.FakeHost.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeReconcilerTest {
    private final FakeHost host = FakeHost.sample();
    private final TreeItem<GroupRow> root = new TreeItem<>();
    private final TreeReconciler r = new TreeReconciler(root);
    private static final GroupFilter NONE = new GroupFilter("");

    @Test
    void everyHierarchyIsATopLevelItemWithItsGroupsBelow() {
        r.apply(host.frame(), NONE);
        assertEquals(List.of("unified", "cpu,cpuacct", "freezer"),
                root.getChildren().stream().map(i -> i.getValue().key().hierarchyId()).toList());
        TreeItem<GroupRow> unified = root.getChildren().get(0);
        assertEquals(List.of("batch", "idle", "system.slice", "web"),
                unified.getChildren().stream().map(i -> i.getValue().name()).toList());
    }

    @Test
    void itemsKeepTheirIdentityAndExpansionAcrossRefreshes() {
        r.apply(host.frame(), NONE);
        root.getChildren().get(0).setExpanded(true); // what is not shown is not updated (see below)
        TreeItem<GroupRow> web = r.item(key("unified", "/web")).orElseThrow();
        web.setExpanded(true);
        TreeItem<GroupRow> backend = r.item(key("unified", "/web/backend")).orElseThrow();
        GroupRow before = backend.getValue();
        host.task(key("unified", "/web/backend"), 203, "java", false);
        r.apply(host.frame(), NONE);
        assertSame(web, r.item(key("unified", "/web")).orElseThrow());
        assertSame(backend, r.item(key("unified", "/web/backend")).orElseThrow());
        assertTrue(web.isExpanded());
        assertNotSame(before, backend.getValue());
        assertEquals(2, backend.getValue().tasks().size());
    }

    @Test
    void aNewGroupIsInsertedInNameOrderAndAVanishedOneRemoved() {
        r.apply(host.frame(), NONE);
        TreeItem<GroupRow> unified = root.getChildren().get(0);
        List<TreeItem<GroupRow>> before = List.copyOf(unified.getChildren());
        host.group(key("unified", "/corral-test-new"));
        host.removeGroup(key("unified", "/idle"), true);
        r.apply(host.frame(), NONE);
        assertEquals(List.of("batch", "corral-test-new", "system.slice", "web"),
                unified.getChildren().stream().map(i -> i.getValue().name()).toList());
        assertSame(before.get(0), unified.getChildren().get(0));
        assertSame(before.get(3), unified.getChildren().get(3));
        assertTrue(r.item(key("unified", "/idle")).isEmpty());
    }

    @Test
    void filterByPidShowsTheGroupWithItsAncestorsExpanded() {
        r.apply(host.frame(), new GroupFilter("201"));
        assertEquals(1, root.getChildren().size());
        TreeItem<GroupRow> unified = root.getChildren().get(0);
        assertEquals(List.of("web"), unified.getChildren().stream().map(i -> i.getValue().name()).toList());
        TreeItem<GroupRow> web = unified.getChildren().get(0);
        assertTrue(web.isExpanded());
        assertEquals(List.of("backend"), web.getChildren().stream().map(i -> i.getValue().name()).toList());
    }

    @Test
    void filterByNameOrCommandAndClearingItRestoresTheSameItems() {
        r.apply(host.frame(), NONE);
        TreeItem<GroupRow> idle = r.item(key("unified", "/idle")).orElseThrow();
        r.apply(host.frame(), new GroupFilter("NGINX"));
        assertTrue(r.item(key("unified", "/web/frontend")).isPresent());
        assertFalse(root.getChildren().get(0).getChildren().contains(idle));
        r.apply(host.frame(), NONE);
        GroupKey k = key("unified", "/idle");
        assertTrue(r.item(k).isPresent());
        assertTrue(root.getChildren().get(0).getChildren().stream().anyMatch(i -> i.getValue().key().equals(k)));
    }

    @Test
    void belowACollapsedGroupNothingIsMadeUntilItOpensThenFromTheLastFrame() {
        r.apply(host.frame(), NONE);
        TreeItem<GroupRow> unified = root.getChildren().get(0);
        TreeItem<GroupRow> web = unified.getChildren().stream().filter(i -> i.getValue().name().equals("web"))
                .findFirst().orElseThrow();
        assertTrue(web.getChildren().isEmpty(), "unified is collapsed: web is not shown, its children not made");
        int made = r.size();
        // Selecting a group deep in a collapsed branch makes the path to it (not expanded).
        TreeItem<GroupRow> deep = r.item(key("unified", "/batch/threads")).orElseThrow();
        assertSame(deep, r.item(key("unified", "/batch/threads")).orElseThrow());
        assertEquals("batch", deep.getParent().getValue().name());
        assertSame(unified, deep.getParent().getParent());
        assertFalse(unified.isExpanded());
        assertTrue(r.item(key("unified", "/no-such-group")).isEmpty());
        made = r.size();

        host.task(key("unified", "/web/backend"), 203, "java", false);
        r.apply(host.frame(), NONE);
        unified.setExpanded(true);
        assertEquals(List.of("backend", "frontend"), web.getChildren().stream().map(i -> i.getValue().name()).toList(),
                "shown now: web gets its children (for its arrow), from the last frame");
        assertTrue(r.size() > made);
        TreeItem<GroupRow> backend = web.getChildren().get(0);
        assertEquals(2, backend.getValue().tasks().size(), "the newest values, not the first frame's");
        assertFalse(web.isExpanded());

    }

    @Test
    void syncEditsAChildrenListIntoTheWantedOrderWithNewItemsInsertedInRuns() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            List<TreeItem<String>> pool = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                pool.add(new TreeItem<>("g" + i));
            }
            javafx.collections.ObservableList<TreeItem<String>> list = javafx.collections.FXCollections.observableArrayList();
            java.util.Collections.shuffle(pool, random);
            list.addAll(pool.subList(0, random.nextInt(pool.size())));
            List<TreeItem<String>> desired = new java.util.ArrayList<>(pool);
            java.util.Collections.shuffle(desired, random);
            desired = desired.subList(0, random.nextInt(desired.size() + 1));
            TreeReconciler.sync(list, desired);
            assertEquals(desired.size(), list.size());
            for (int i = 0; i < desired.size(); i++) {
                assertSame(desired.get(i), list.get(i), "round " + round + " index " + i);
            }
        }
        javafx.collections.ObservableList<TreeItem<String>> list = javafx.collections.FXCollections.observableArrayList();
        List<TreeItem<String>> many = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(new TreeItem<>("g" + i));
        }
        list.add(many.get(2500));
        int[] changes = new int[1];
        list.addListener((javafx.collections.ListChangeListener<TreeItem<String>>) c -> changes[0]++);
        TreeReconciler.sync(list, many);
        assertEquals(2, changes[0], "two runs around the one kept item, not 4999 single inserts");
        assertSame(many.get(4999), list.get(4999));
    }

    @Test
    void childrenThatSortInAmongTheOthersReplaceTheListInOneChange() {
        javafx.collections.ObservableList<TreeItem<String>> list = javafx.collections.FXCollections.observableArrayList();
        List<TreeItem<String>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            all.add(new TreeItem<>("g" + i));
            if (i % 2 == 0) {
                list.add(all.get(i));
            }
        }
        int[] changes = new int[1];
        list.addListener((javafx.collections.ListChangeListener<TreeItem<String>>) c -> changes[0]++);
        TreeReconciler.sync(list, all);
        assertEquals(1, changes[0], "2500 runs of one new item: one replacement, not 2500 inserts");
        assertEquals(all, list);
        List<TreeItem<String>> odd = new java.util.ArrayList<>();
        for (int i = 1; i < all.size(); i += 2) {
            odd.add(all.get(i));
        }
        TreeReconciler.sync(list, odd);
        assertEquals(2, changes[0], "2500 removed one by one: one change");
        assertEquals(odd, list);
    }

    @Test
    void framesWithTheSameGroupsUpdateOnlyTheItemsOfChangedRows(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var fixture = io.corral.model.testing.FixtureHost.unified(dir);
        fixture.cgroup("unified", "/corral-test-a");
        fixture.cgroup("unified", "/corral-test-b");
        var reader = new io.corral.model.sample.SnapshotReader(fixture.fs(), new io.corral.model.proc.ProcFs(fixture.root()));
        var frames = new io.corral.views.state.SnapshotFrames(java.time.Duration.ofSeconds(1),
                io.corral.views.state.Privileges.asRoot());
        var s1 = reader.read();
        var f1 = frames.next(s1, java.time.Duration.ZERO);
        r.apply(f1, NONE);
        root.getChildren().get(0).setExpanded(true);
        String id = f1.hierarchies().get(0).id();
        TreeItem<GroupRow> a = r.item(new GroupKey(id, io.corral.model.cgroup.GroupPath.ofKernel("/corral-test-a"))).orElseThrow();
        TreeItem<GroupRow> b = r.item(new GroupKey(id, io.corral.model.cgroup.GroupPath.ofKernel("/corral-test-b"))).orElseThrow();
        GroupRow aBefore = a.getValue();
        fixture.cgroup("unified", "/corral-test-b", "memory.current", "8192\n");
        var s2 = io.corral.views.testing.Snapshots.withChild(s1,
                reader.read().hierarchies().get(0).find(b.getValue().key().path()).orElseThrow());
        var f2 = frames.next(s2, java.time.Duration.ZERO);
        assertSame(f1.hierarchies().get(0).index(), f2.hierarchies().get(0).index(), "no group came or went");
        r.apply(f2, NONE);
        assertSame(a, r.item(aBefore.key()).orElseThrow());
        assertSame(aBefore, a.getValue(), "an unchanged row is not touched");
        assertEquals(java.util.OptionalLong.of(8192), b.getValue().memoryCurrent());
        assertSame(f2.group(b.getValue().key()).orElseThrow(), b.getValue());
    }
}
