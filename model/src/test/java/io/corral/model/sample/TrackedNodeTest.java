package io.corral.model.sample;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.kernel.KeptFiles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A node's children in a sorted array behave like the TreeMap by name they replace. */
class TrackedNodeTest {
    private static TrackedNode node(GroupPath p) {
        return new TrackedNode(null, p, new byte[0], p.toString(), 1, 0, new KeptFiles.Handle[0]);
    }

    @Test
    void childrenStayInNameOrderThroughAddsReplacementsAndRemovals() {
        for (long seed = 1; seed <= 10; seed++) {
            Random r = new Random(seed);
            TrackedNode parent = node(GroupPath.ROOT);
            TreeMap<String, TrackedNode> want = new TreeMap<>();
            for (int step = 0; step < 500; step++) {
                String name = "g" + r.nextInt(60);
                if (r.nextInt(3) == 0) {
                    assertSame(want.remove(name), parent.removeChild(name), "seed " + seed + " remove " + name);
                } else {
                    TrackedNode c = node(GroupPath.ROOT.child(name));
                    parent.putChild(c);
                    want.put(name, c);
                }
                assertEquals(new ArrayList<>(want.values()), Arrays.asList(parent.children()), "seed " + seed);
            }
            for (int i = 0; i < 60; i++) {
                assertSame(want.get("g" + i), parent.child("g" + i));
            }
        }
    }

    @Test
    void aCopyOfTheChildrenDoesNotChangeWithThem() {
        TrackedNode parent = node(GroupPath.ROOT);
        parent.putChild(node(GroupPath.ROOT.child("b")));
        parent.putChild(node(GroupPath.ROOT.child("a")));
        TrackedNode[] copy = parent.childrenCopy();
        parent.removeChild("a");
        assertEquals(List.of("a", "b"), Arrays.stream(copy).map(TrackedNode::name).toList());
        assertEquals(List.of("b"), Arrays.stream(parent.children()).map(TrackedNode::name).toList());
        assertNull(parent.removeChild("a"));
    }
}
