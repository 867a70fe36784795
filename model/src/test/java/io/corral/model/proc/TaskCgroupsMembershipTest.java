package io.corral.model.proc;

import io.corral.model.proc.TaskCgroups.Members;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The by-group index of task membership, as the task scan updates it. */
class TaskCgroupsMembershipTest {
    /** A task as the scanner knows it: thread id and thread-group id. */
    private record Task(int tid, int pid) {
    }

    private final TaskCgroupsMembership<Task> index = new TaskCgroupsMembership<>(Task::pid);

    private void place(Task t, Map<String, String> was, Map<String, String> now) {
        index.place(t, t.tid(), was, now);
    }

    @Test
    void aGroupListsItsProcessesOnceAndEveryThreadAscending() {
        place(new Task(12, 10), Map.of(), Map.of("unified", "/web", "cpu", "/a"));
        place(new Task(10, 10), Map.of(), Map.of("unified", "/web", "cpu", "/a"));
        place(new Task(7, 7), Map.of(), Map.of("unified", "/web", "cpu", "/b"));
        assertEquals(new Members(List.of(7, 10), List.of(7, 10, 12)), index.members("unified", "/web"));
        assertEquals(new Members(List.of(10), List.of(10, 12)), index.members("cpu", "/a"));
        assertEquals(new Members(List.of(7), List.of(7)), index.members("cpu", "/b"));
        assertSame(Members.NONE, index.members("memory", "/web"), "a hierarchy no task is in");
    }

    @Test
    void aMoveLeavesTheOldGroupOnlyInTheHierarchyWhereItMoved() {
        Task t = new Task(5, 5);
        place(t, Map.of(), Map.of("unified", "/a", "cpu", "/x"));
        assertEquals(List.of(5), index.members("unified", "/a").processes());
        place(t, Map.of("unified", "/a", "cpu", "/x"), Map.of("unified", "/b", "cpu", "/x"));
        assertSame(Members.NONE, index.members("unified", "/a"));
        assertEquals(List.of(5), index.members("unified", "/b").processes());
        assertEquals(List.of(5), index.members("cpu", "/x").processes(), "unchanged in cpu");
    }

    @Test
    void anExitedTaskLeavesAndItsEmptiedGroupIsForgotten() {
        Task t = new Task(9, 9);
        place(t, Map.of(), Map.of("unified", "/a"));
        assertEquals(List.of(9), index.members("unified", "/a").threads());
        place(t, Map.of("unified", "/a"), Map.of());
        index.forgetEmptied();
        assertSame(Members.NONE, index.members("unified", "/a"));
    }

    @Test
    void aThreadIdTakenOverByAnotherTaskIsNotRemovedWithTheOldOne() {
        Task old = new Task(20, 20);
        Task reused = new Task(20, 30);
        place(old, Map.of(), Map.of("unified", "/a"));
        place(reused, Map.of(), Map.of("unified", "/a"));
        place(old, Map.of("unified", "/a"), Map.of());
        assertEquals(new Members(List.of(30), List.of(20)), index.members("unified", "/a"));
    }
}
