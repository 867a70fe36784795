package io.corral.views.tasks;

import io.corral.model.sample.GroupKey;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.TaskRow;
import io.corral.views.testing.FakeHost;
import io.corral.views.testing.Fx;
import io.corral.views.testing.TestPrefs;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.corral.views.testing.FakeHost.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The task table updates its rows in place: selection, sort order and cells survive a tick. */
@ExtendWith(ApplicationExtension.class)
class TaskTableFxTest {
    private static final GroupKey FRONTEND = key("unified", "/web/frontend");
    private final FakeHost host = FakeHost.sample();
    private ConsoleState state;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        state = new ConsoleState();
        window = new MainWindow(stage, state, host, TestPrefs.fresh());
        window.show();
        state.offer(host.frame());
    }

    private void refresh(FxRobot robot) {
        robot.interact(() -> state.offer(host.frame()));
        WaitForAsyncUtils.waitForFxEvents();
        Fx.pulses(2);
    }

    private TableView<TaskRow> table() {
        return window.tasks().table();
    }

    /** The frontend's process {@code pid} at a new CPU %, as the next snapshot would list it. */
    private void cpu(long pid, double percent) {
        List<TaskRow> tasks = host.group(FRONTEND).tasks;
        for (int i = 0; i < tasks.size(); i++) {
            TaskRow t = tasks.get(i);
            if (t.pid() == pid) {
                tasks.set(i, new TaskRow(t.pid(), t.command(), t.user(), t.state(), OptionalDouble.of(percent),
                        t.rssBytes(), t.threads(), t.kernelThread(), t.namespaces()));
            }
        }
    }

    private List<String> shownColumn(FxRobot robot, String columnId) {
        return Fx.call(() -> robot.lookup("#task-table .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n)
                .filter(r -> !r.isEmpty() && r.isVisible())
                .sorted(java.util.Comparator.comparingInt(TableRow::getIndex))
                .map(r -> r.getChildrenUnmodifiable().stream()
                        .filter(c -> c instanceof TableCell<?, ?> tc && columnId.equals(tc.getTableColumn().getId()))
                        .map(c -> ((TableCell<?, ?>) c).getText()).findFirst().orElse("?"))
                .toList());
    }

    @Test
    void aProcessWhoseCpuChangedKeepsItsItemTheSelectionAndTheSortOrder(FxRobot robot) {
        robot.interact(() -> state.selection().selectGroup(FRONTEND));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            TableColumn<TaskRow, ?> cpu = table().getColumns().stream()
                    .filter(c -> "task-col-cpu-pct".equals(c.getId())).findFirst().orElseThrow();
            cpu.setSortType(TableColumn.SortType.DESCENDING);
            table().getSortOrder().setAll(List.of(cpu));
            table().getSelectionModel().clearSelection();
            table().getSelectionModel().select(table().getItems().stream().filter(t -> t.pid() == 101).findFirst().orElseThrow());
        });
        Fx.pulses(2);
        assertEquals(List.of(102L, 101L), Fx.call(() -> table().getItems().stream().map(TaskRow::pid).toList()),
                "102 (4 %) before 101 (3 %)");
        Set<TaskRow> items = Collections.newSetFromMap(new IdentityHashMap<>());
        items.addAll(Fx.call(() -> List.copyOf(table().getItems())));

        cpu(101, 90);
        refresh(robot);

        assertEquals(List.of(101L, 102L), Fx.call(() -> table().getItems().stream().map(TaskRow::pid).toList()),
                "re-sorted by the new CPU %");
        assertEquals(List.of("90 %", "4.0 %"), shownColumn(robot, "task-col-cpu-pct"));
        for (TaskRow t : Fx.call(() -> List.copyOf(table().getItems()))) {
            assertSame(items.stream().filter(i -> i.pid() == t.pid()).findFirst().orElseThrow(), t,
                    "the same item per process");
        }
        assertEquals(List.of(101L), List.copyOf(state.selection().tasks()), "selection kept");
        assertEquals(List.of(101L), Fx.call(() -> window.tasks().selectedTasks().stream().map(TaskRow::pid).toList()));
        assertEquals(OptionalDouble.of(90), Fx.call(() -> window.tasks().selectedTasks().get(0).cpuPercent()),
                "what is handed to a drag or a move is the newest row");
    }

    @Test
    void refreshReadsTheCellsAgainWithoutMakingNewRows(FxRobot robot) {
        AtomicReference<String> outside = new AtomicReference<>("before");
        robot.interact(() -> {
            TableColumn<TaskRow, TaskRow> ns = window.tasks().column("Namespaces");
            ns.setVisible(true);
            ns.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(TaskRow t, boolean empty) {
                    super.updateItem(t, empty);
                    setText(empty || t == null ? null : outside.get() + " " + t.pid());
                }
            });
            state.selection().selectGroup(FRONTEND);
        });
        Fx.pulses(2);
        assertEquals(List.of("before 101", "before 102"), shownColumn(robot, "task-col-namespaces"));
        Set<Object> rows = Collections.newSetFromMap(new IdentityHashMap<>());
        rows.addAll(Fx.call(() -> List.copyOf(robot.lookup("#task-table .table-row-cell").queryAll())));

        outside.set("after");
        robot.interact(() -> table().refresh());
        Fx.pulses(2);

        assertEquals(List.of("after 101", "after 102"), shownColumn(robot, "task-col-namespaces"));
        Set<Object> now = Collections.newSetFromMap(new IdentityHashMap<>());
        now.addAll(Fx.call(() -> List.copyOf(robot.lookup("#task-table .table-row-cell").queryAll())));
        assertEquals(rows, now, "the same row cells: none recreated (and re-styled)");
        assertEquals(Optional.of(FRONTEND), state.selection().group());
    }
}
