package io.corral.views.tasks;

import io.corral.views.state.TaskRow;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task table's items: one per process, updated in place; the list changes the table sees. */
class ProcessRowsTest {
    private final ProcessRows rows = new ProcessRows();
    private final List<String> changes = new ArrayList<>();

    ProcessRowsTest() {
        // One entry per change the table's skin would hear about (its sub-changes joined).
        rows.items().addListener((ListChangeListener<TaskRow>) c -> {
            List<String> parts = new ArrayList<>();
            while (c.next()) {
                parts.add(c.wasUpdated() ? "update " + c.getFrom() + ".." + c.getTo()
                        : c.wasReplaced() ? "replace " + c.getFrom() + ".." + c.getTo()
                        : c.wasAdded() ? "add " + c.getFrom() + ".." + c.getTo()
                        : c.wasRemoved() ? "remove " + c.getRemovedSize()
                        : "other");
            }
            changes.add(String.join(", ", parts));
        });
    }

    private static TaskRow task(long pid, double cpu) {
        return new TaskRow(pid, "cmd" + pid, "root", "S", OptionalDouble.of(cpu), OptionalLong.of(4096), 1, false,
                Optional.empty());
    }

    private List<Long> pids() {
        return rows.items().stream().map(TaskRow::pid).toList();
    }

    @Test
    void aChangedProcessIsAnUpdateOfItsOwnItemNotAReplacement() {
        TaskRow a = task(1, 0);
        rows.show(List.of(a, task(2, 0), task(3, 0)));
        changes.clear();
        rows.show(List.of(task(1, 0), task(2, 50), task(3, 0)));
        assertEquals(List.of("update 1..2"), changes, "only the process whose row changed");
        assertSame(a, rows.items().get(0), "an equal row keeps the item");
        assertEquals(OptionalDouble.of(50), rows.shown(rows.items().get(1)).getValue().cpuPercent());
        assertEquals(OptionalDouble.of(50), rows.byPid(2).orElseThrow().cpuPercent());
    }

    @Test
    void anUnchangedTickChangesNothing() {
        rows.show(List.of(task(1, 3), task(2, 4)));
        changes.clear();
        rows.show(List.of(task(1, 3), task(2, 4)));
        assertEquals(List.of(), changes);
    }

    @Test
    void vanishedProcessesGoInOneRemovalAndNewOnesInRunsWhereTheyBelong() {
        rows.show(List.of(task(1, 0), task(2, 0), task(3, 0), task(4, 0)));
        changes.clear();
        rows.show(List.of(task(1, 0), task(5, 0), task(6, 0), task(3, 0), task(7, 0)));
        assertEquals(List.of("remove 1, remove 1", "add 1..3", "add 4..5"), changes);
        assertEquals(List.of(1L, 5L, 6L, 3L, 7L), pids());
        assertTrue(rows.byPid(2).isEmpty(), "a vanished process is forgotten");
    }

    @Test
    void processesInAnotherOrderAreListedInThatOrderKeepingTheirItems() {
        TaskRow one = task(1, 0);
        TaskRow two = task(2, 0);
        rows.show(List.of(one, two));
        rows.show(List.of(task(2, 9), task(8, 0), task(1, 0)));
        assertEquals(List.of(2L, 8L, 1L), pids());
        assertSame(two, rows.items().get(0));
        assertSame(one, rows.items().get(2));
        assertEquals(OptionalDouble.of(9), rows.shown(two).getValue().cpuPercent());
    }

    @Test
    void refreshInvalidatesWhatTheCellsShowWithoutTouchingTheList() {
        rows.show(List.of(task(1, 0)));
        int[] invalidated = new int[1];
        var shown = rows.shown(rows.items().get(0));
        shown.addListener(o -> invalidated[0]++);
        shown.getValue();
        changes.clear();
        rows.refresh();
        assertEquals(1, invalidated[0], "the cell re-reads its row");
        assertEquals(List.of(), changes, "no list change: nothing re-sorted or re-indexed");
    }
}
