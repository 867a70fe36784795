package io.corral.app.console;

import io.corral.model.sample.GroupKey;
import io.corral.model.testing.LiveCgroups;
import io.corral.views.tasks.ThreadList;
import io.corral.views.state.TaskRow;
import io.corral.views.testing.Screenshots;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Dragging one thread of our own multi-threaded process (python3 with three sleeping
 * threads) between corral-test-* groups of the v1 pids hierarchy: only that thread moves
 * (v1 {@code tasks}), the process stays, and Undo brings the thread back.
 */
class ThreadMoveLiveFxTest extends LiveWindowTest {
    @Start
    void start(Stage stage) throws Exception {
        live = open(stage);
    }

    /** v1 lists threads in {@code tasks}. */
    private static boolean lists(Path group, long id) {
        return LiveWindow.members(group, "tasks").contains(id);
    }

    @Test
    void aThreadDraggedOntoAnotherV1GroupMovesAloneAndUndoBringsItBack(FxRobot robot, LiveCgroups cg)
            throws Exception {
        Path pids = live.mount("pids");
        boolean python = Files.isExecutable(Path.of("/usr/bin/python3"));
        if (!python) {
            System.out.println("SKIPPED live thread move: no /usr/bin/python3 to start a multi-threaded process");
        }
        assumeTrue(python);
        Path a = cg.mkdir(pids, LiveCgroups.newName());
        Path b = cg.mkdir(pids, LiveCgroups.newName());
        Process p = cg.start("/usr/bin/python3", "-c", "import threading, time\n"
                + "for i in range(3): threading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n"
                + "time.sleep(600)\n");
        long pid = p.pid();
        cg.moveInto(a, pid);
        GroupKey ka = live.key("pids", a);
        GroupKey kb = live.key("pids", b);
        live.await("the process with its 4 threads on screen", () -> live.row(ka)
                .map(g -> g.tasks().stream().anyMatch(t -> t.pid() == pid && t.threads() == 4)).orElse(false)
                && live.row(kb).isPresent());
        live.select(robot, ka);
        Node row = robot.lookup("#task-table .table-row-cell").match((TableRow<TaskRow> r) ->
                r.getItem() != null && r.getItem().pid() == pid).query();
        robot.clickOn(row);
        robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        ThreadList threads = live.window.tasks().threadList();
        live.await("4 thread rows", () -> threads.rows().size() == 4);
        long tid = threads.rows().stream().map(r -> (long) r.thread().tid()).filter(t -> t != pid).findFirst()
                .orElseThrow();
        Node threadRow = robot.lookup("#task-thread-table .table-row-cell").match((TableRow<ThreadList.Row> r) ->
                r.getItem() != null && r.getItem().thread().tid() == tid).query();
        robot.drag(threadRow).dropTo(live.treeRow(robot, kb));
        live.await("the thread in b", () -> lists(b, tid));
        assertTrue(lists(a, pid) && !lists(a, tid), "the process and its other threads stay in a");
        live.await("the report", () -> live.window.notifications().titleText().startsWith("Moved 1 thread"));
        Screenshots.save(live.window.scene(), "thread-moved-live");

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        live.await("undo brought the thread back to a", () -> lists(a, tid) && !lists(b, tid));
    }
}
