package io.corral.app.console;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.command.Progress;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.GroupKey;
import io.corral.model.testing.LiveCgroups;
import io.corral.views.actions.BatchProgress;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.GroupRow;
import io.corral.views.state.TaskRow;
import io.corral.views.testing.Screenshots;
import io.corral.views.testing.TestPrefs;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A move of 300 processes (our own sleeps, in corral-test-* cgroup2 groups) on the live
 * kernel: progress shows n of N while the engine writes, the window keeps answering, the
 * summary counts what moved, Cancel stops between writes, and Undo moves everything back.
 */
class BatchMoveLiveFxTest extends LiveWindowTest {
    @Start
    void start(Stage stage) throws Exception {
        live = open(stage);
    }
    private static final int N = 300;
    private static final int CANCEL_AT = 40;
    private PausingActions pausing;
    private ConsoleState state;
    private MainWindow window;
    /** The window while the batch ran (taken on the FX thread by the progress listener). */
    private final javafx.scene.image.WritableImage[] midway = new javafx.scene.image.WritableImage[1];

    @Override
    protected LiveWindow open(Stage stage) throws Exception {
        // A batch pauses after write 40 until Cancel reaches it (see PausingActions), when armed.
        LiveWindow w = LiveWindow.open(stage, Duration.ofMillis(500), a -> {
            pausing = new PausingActions(a, CANCEL_AT);
            return pausing;
        });
        if (w != null) {
            state = w.state;
            window = w.window;
        }
        return w;
    }

    /** Three groups under one parent; N sleeps in the first. */
    private record Setup(Path a, Path b, GroupKey ka, GroupKey kb, List<Long> pids) {
    }

    private Setup setup(LiveCgroups cg) throws Exception {
        Path mount = live.mount("unified");
        Path parent = cg.mkdir(mount, LiveCgroups.newName());
        Path a = cg.mkdir(parent, LiveCgroups.newName());
        Path b = cg.mkdir(parent, LiveCgroups.newName());
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            long pid = cg.start("sleep", "600").pid();
            cg.moveInto(a, pid);
            pids.add(pid);
        }
        GroupKey ka = live.key("unified", a);
        GroupKey kb = live.key("unified", b);
        live.await("all " + N + " in a on screen", () -> state.frame().flatMap(f -> f.group(ka))
                .map(g -> g.tasks().size() == N).orElse(false) && state.frame().flatMap(f -> f.group(kb)).isPresent());
        return new Setup(a, b, ka, kb, pids);
    }

    /** Selects every task of a and moves them to b (Move to group...); returns the progress updates the FX thread saw. */
    private List<Progress.Update> dropAll(FxRobot robot, Setup s, int cancelAt) {
        List<Progress.Update> seen = new CopyOnWriteArrayList<>();
        midway[0] = null;
        robot.interact(() -> {
            window.notifications().runningProperty().addListener((o, was, now) -> {
                if (now == null) {
                    return;
                }
                now.lastProperty().addListener((o2, w2, u) -> {
                    seen.add(u);
                    if (midway[0] == null && u.done() >= 10) {
                        midway[0] = window.scene().snapshot(null);
                    }
                    if (cancelAt > 0 && u.done() >= cancelAt && !now.cancelRequestedProperty().get()) {
                        ((Button) window.scene().lookup("#notification-cancel")).fire();
                    }
                });
            });
            state.selection().selectGroup(s.ka());
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(firstRow(robot));
        robot.interact(() -> ((TableView<?>) robot.lookup("#task-table").query()).getSelectionModel().selectAll());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(N, (int) io.corral.views.testing.Fx.call(() -> window.tasks().selectedTasks().size()),
                "all tasks selected");
        // The keyboard way ("Move to group...", Ctrl+M) sends the same one command as a drop
        // (GroupCommands.moveTasks). A robot drag of 300 selected rows was lost by Monocle in
        // 2 of 3 runs on a loaded machine; dragging itself is proven by LiveConsoleFxTest.
        robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#group-picker-search").write(s.b().getFileName().toString());
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        return seen;
    }

    private void saveMidway(String name) throws IOException {
        if (midway[0] != null) {
            Path file = io.corral.views.testing.Fx.SCREENSHOTS.resolve(name + ".png");
            Files.createDirectories(file.getParent());
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(midway[0], null), "png",
                    file.toFile());
        }
    }

    private static Node firstRow(FxRobot robot) {
        return robot.lookup("#task-table .table-row-cell").match((TableRow<TaskRow> r) -> r.getItem() != null
                && r.getIndex() == 0).query();
    }

    @Test
    void moving300TasksShowsProgressThenTheSummaryAndUndoMovesThemAllBack(FxRobot robot, LiveCgroups cg)
            throws Exception {
        Setup s = setup(cg);
        List<Progress.Update> seen = dropAll(robot, s, 0);
        live.await("the summary", () -> window.notifications().runningProperty().get() == null
                && window.notifications().titleText().startsWith("Moved"));
        assertEquals(Set.copyOf(s.pids()), LiveWindow.members(s.b()), "all moved in the kernel");
        assertEquals(Set.of(), LiveWindow.members(s.a()));
        assertTrue(window.notifications().titleText().startsWith("Moved " + N + " tasks to "),
                window.notifications().titleText());
        assertTrue(window.notifications().detailText().startsWith(N + " moved"), window.notifications().detailText());
        assertTrue(seen.size() >= 2, "progress updates reached the window while moving: " + seen);
        assertEquals(new Progress.Update(N, N, 1, N, 0), seen.get(seen.size() - 1));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).done() > seen.get(i - 1).done(), "progress only goes forward: " + seen);
        }
        Screenshots.save(window.scene(), "batch-move-summary");
        saveMidway("batch-move-progress");

        // The summary's Undo button (Ctrl+Z does the same; after the picker closed, Monocle
        // does not always give the main window the keyboard back).
        robot.clickOn("#notification-undo");
        live.await("undo moved all " + N + " back to a", () -> LiveWindow.members(s.a()).size() == N);
        assertEquals(Set.copyOf(s.pids()), LiveWindow.members(s.a()));
        assertEquals(Set.of(), LiveWindow.members(s.b()));
    }

    @Test
    void cancelStopsBetweenWritesAndWhatMovedStaysMovedAndUndoable(FxRobot robot, LiveCgroups cg) throws Exception {
        Setup s = setup(cg);
        pausing.armed = true;
        dropAll(robot, s, CANCEL_AT);
        live.await("the summary", () -> window.notifications().runningProperty().get() == null
                && window.notifications().last() != null);
        String title = window.notifications().titleText();
        assertTrue(title.startsWith("Cancelled: moved "), title + " / " + window.notifications().detailText());
        int moved = LiveWindow.members(s.b()).size();
        assertEquals(CANCEL_AT, moved, "stopped right after the write Cancel reached");
        assertTrue(title.startsWith("Cancelled: moved " + moved + " of " + N), title);
        assertEquals(N - moved, LiveWindow.members(s.a()).size(), "the rest never left a");
        assertTrue(window.notifications().detailText().contains((N - moved) + " not tried"),
                window.notifications().detailText());
        Screenshots.save(window.scene(), "batch-move-cancelled");

        // The summary's Undo button (Ctrl+Z does the same; after the picker closed, Monocle
        // does not always give the main window the keyboard back).
        robot.clickOn("#notification-undo");
        live.await("undo moved the " + moved + " back", () -> LiveWindow.members(s.a()).size() == N);
        assertEquals(Set.of(), LiveWindow.members(s.b()));
    }
}
