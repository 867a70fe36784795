package io.corral.app.console;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import io.corral.model.sample.GroupKey;
import io.corral.views.state.GroupRow;
import io.corral.views.state.TaskRow;
import io.corral.views.testing.Screenshots;
import io.corral.views.testing.TestPrefs;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TreeTableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real window on the live kernel (root): the interim frame reader, the model's command
 * engine on its writer thread, and only corral-test-* groups holding processes this test
 * started, in the cgroup2 hierarchy.
 */
@ExtendWith({ApplicationExtension.class, LiveCgroups.class})
class LiveConsoleFxTest {
    private static final Duration INTERVAL = Duration.ofMillis(250);
    private ConsoleState state;
    private MainWindow window;
    private ConsoleSession session;
    private Hierarchy unified;

    @Start
    void start(Stage stage) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        session = new ConsoleSession(CgroupFs.live(), ProcFs.live(), INTERVAL, Optional.empty());
        state = session.state();
        window = new MainWindow(stage, state, session.actions(), TestPrefs.fresh());
        window.show();
        unified = new io.corral.model.cgroup.HierarchyDiscovery(CgroupFs.live()).discover().stream()
                .filter(Hierarchy::isV2).findFirst().orElse(null);
        session.start();
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
    }

    private Path mount() {
        LiveCgroups.assumeLiveKernel();
        assumeTrue(unified != null, "no cgroup2 hierarchy mounted");
        if (unified == null) {
            System.out.println("SKIPPED live console test: no cgroup2 hierarchy mounted");
        }
        return Path.of(unified.mount());
    }

    private GroupKey key(Path mount, Path dir) {
        return new GroupKey(unified.id(), GroupPath.ofKernel("/" + mount.relativize(dir)));
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "timed out waiting for " + what + " (frames offered "
                    + state.offeredCount() + ", shown " + state.publishedCount() + ", last read took "
                    + state.frame().map(f -> f.refreshDuration().toMillis() + " ms").orElse("-") + ")");
            Thread.sleep(20);
            WaitForAsyncUtils.waitForFxEvents();
        }
        // The condition may read a frame the FX thread is still publishing: let its listeners finish.
        WaitForAsyncUtils.waitForFxEvents(); // settled
    }

    private Node treeRow(FxRobot robot, GroupKey k) {
        return LiveWindow.treeRow(robot, window, k);
    }

    private Node taskRow(FxRobot robot, long pid) {
        return robot.lookup("#task-table .table-row-cell").match((TableRow<TaskRow> r) ->
                r.getItem() != null && r.getItem().pid() == pid).query();
    }

    private static boolean holds(Path group, long pid) {
        try {
            return Files.readAllLines(group.resolve("cgroup.procs")).contains(Long.toString(pid));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aGroupCreatedBehindTheAppsBackAppearsWithinOneRefresh(LiveCgroups live) throws Exception {
        Path mount = mount();
        await("first frame", () -> state.frame().isPresent());
        Path dir = live.mkdir(mount, LiveCgroups.newName());
        java.time.Instant before = java.time.Instant.now();
        GroupKey k = key(mount, dir);
        // The first refresh whose read began after the mkdir must show the group: wait for it,
        // then the tree (reconciled when the frame was published) has the item.
        await("a frame read after the mkdir", () -> state.frame()
                .map(f -> f.takenAt().minus(f.refreshDuration()).isAfter(before)).orElse(false));
        assertTrue(window.tree().item(k).isPresent(), "group in the tree after one refresh");
    }

    @Test
    void draggingATestProcessMovesItInTheKernelAndUndoMovesItBack(FxRobot robot, LiveCgroups live) throws Exception {
        Path mount = mount();
        Path parent = live.mkdir(mount, LiveCgroups.newName());
        Path a = live.mkdir(parent, LiveCgroups.newName());
        Path b = live.mkdir(parent, LiveCgroups.newName());
        Process sleeper = live.start("sleep", "600");
        long pid = sleeper.pid();
        live.moveInto(a, pid);
        GroupKey ka = key(mount, a);
        GroupKey kb = key(mount, b);
        await("task in group a", () -> state.frame().flatMap(f -> f.group(ka))
                .map(g -> g.tasks().stream().anyMatch(t -> t.pid() == pid)).orElse(false));
        robot.interact(() -> state.selection().selectGroup(ka));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(taskRow(robot, pid));
        robot.drag(taskRow(robot, pid)).dropTo(treeRow(robot, kb));
        await("a report", () -> window.notifications().last() != null
                && !window.notifications().titleText().contains("Move task"));
        await("kernel moved the process to b (" + window.notifications().titleText() + ": "
                + window.notifications().detailText() + ")", () -> holds(b, pid));
        assertTrue(!holds(a, pid));
        assertTrue(window.notifications().titleText().startsWith("Moved 1 task"), window.notifications().titleText());
        Screenshots.save(window.scene(), "live-after-drop");

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await("undo moved it back to a", () -> holds(a, pid));
        assertTrue(!holds(b, pid));
    }

    @Test
    void aDropOntoAThreadedGroupIsRefusedWithTheReasonAndNothingWritten(FxRobot robot, LiveCgroups live)
            throws Exception {
        Path mount = mount();
        Path parent = live.mkdir(mount, LiveCgroups.newName());
        Path a = live.mkdir(parent, LiveCgroups.newName());
        Path threadedParent = live.mkdir(mount, LiveCgroups.newName());
        Path threaded = live.mkdir(threadedParent, LiveCgroups.newName());
        Files.writeString(threaded.resolve("cgroup.type"), "threaded");
        Process sleeper = live.start("sleep", "600");
        long pid = sleeper.pid();
        live.moveInto(a, pid);
        GroupKey ka = key(mount, a);
        GroupKey kt = key(mount, threaded);
        await("both groups in the frame", () -> state.frame().flatMap(f -> f.group(kt)).isPresent()
                && state.frame().flatMap(f -> f.group(ka)).map(g -> !g.tasks().isEmpty()).orElse(false));
        robot.interact(() -> state.selection().selectGroup(ka));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(taskRow(robot, pid));
        robot.drag(taskRow(robot, pid)).dropTo(treeRow(robot, kt));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(INTERVAL.toMillis() * 2);
        assertTrue(holds(a, pid), "still in a");
        assertEquals("", Files.readString(threaded.resolve("cgroup.threads")).strip(), "nothing moved into the threaded group");
        assertTrue(window.notifications().detailText().contains("Threaded group"), window.notifications().detailText());
        Screenshots.save(window.scene(), "live-refused-threaded");
    }
}
