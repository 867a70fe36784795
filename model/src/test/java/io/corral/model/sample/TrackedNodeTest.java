package io.corral.model.sample;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.kernel.KeptFiles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A node's children in a sorted array behave like the TreeMap by name they replace. */
class TrackedNodeTest {
    private static TrackedNode node(GroupPath p) {
        return new TrackedNode(null, p, new byte[0], p.toString(), 1, 0, new KeptFiles.Handle[0]);
    }

    /** Batches as a tick makes them: some names removed, some added, some removed and added again (a new inode). */
    @Test
    void childrenStayInNameOrderThroughBatchesOfAddsReplacementsAndRemovals() {
        for (long seed = 1; seed <= 10; seed++) {
            Random r = new Random(seed);
            TrackedNode parent = node(GroupPath.ROOT);
            TreeMap<String, TrackedNode> want = new TreeMap<>();
            for (int step = 0; step < 200; step++) {
                Set<String> names = new HashSet<>();
                for (int k = r.nextInt(12); k > 0; k--) {
                    names.add("g" + r.nextInt(60));
                }
                List<String> removed = new ArrayList<>();
                List<TrackedNode> added = new ArrayList<>();
                for (String name : names) {
                    boolean there = want.containsKey(name);
                    if (there && r.nextBoolean()) {
                        removed.add(name);
                        want.remove(name);
                    }
                    if (!there || r.nextInt(3) == 0) {
                        TrackedNode c = node(GroupPath.ROOT.child(name)); // new, or made again in its place
                        added.add(c);
                        want.put(name, c);
                    }
                }
                parent.changeChildren(removed, added);
                assertEquals(new ArrayList<>(want.values()), Arrays.asList(parent.children()), "seed " + seed);
            }
            for (int i = 0; i < 60; i++) {
                assertSame(want.get("g" + i), parent.child("g" + i));
            }
        }
    }

    @Test
    void theArrayHandedOutDoesNotChangeWithTheChildren() {
        TrackedNode parent = node(GroupPath.ROOT);
        parent.changeChildren(List.of(), List.of(node(GroupPath.ROOT.child("b")), node(GroupPath.ROOT.child("a"))));
        TrackedNode[] before = parent.children();
        parent.changeChildren(List.of("a"), List.of());
        assertEquals(List.of("a", "b"), Arrays.stream(before).map(TrackedNode::name).toList());
        assertEquals(List.of("b"), Arrays.stream(parent.children()).map(TrackedNode::name).toList());
    }
}
