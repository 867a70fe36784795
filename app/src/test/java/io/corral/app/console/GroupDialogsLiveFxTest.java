package io.corral.app.console;

import io.corral.model.cgroup.FreezeState;
import io.corral.model.sample.GroupKey;
import io.corral.model.testing.LiveCgroups;
import io.corral.views.testing.Screenshots;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every group dialog of the window driven on the live kernel, on corral-test-* groups
 * holding only processes this test started: the kernel's state afterwards, and what the
 * user was told (the notification, or the reason an action is disabled).
 */
class GroupDialogsLiveFxTest extends LiveWindowTest {
    @Start
    void start(Stage stage) throws Exception {
        live = open(stage);
    }

    private Button tool(FxRobot robot, String id) {
        return robot.lookup("#tool-" + id).queryAs(Button.class);
    }

    /** Clicks a toolbar action (it must be enabled: its tooltip says why not). */
    private void click(FxRobot robot, String id) {
        Button b = tool(robot, id);
        assertFalse(b.isDisabled(), () -> id + " is disabled: " + io.corral.views.shell.GuardedButton.tooltipOf(b));
        robot.clickOn(b);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void typeName(FxRobot robot, String name) {
        robot.interact(() -> robot.lookup("#group-name-field").queryAs(TextField.class).setText(name));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String told() {
        return live.window.notifications().titleText() + " / " + live.window.notifications().detailText();
    }

    private void awaitReport(String containing) throws InterruptedException {
        live.await("a report with \"" + containing + "\"", () -> told().contains(containing));
    }

    @Test
    void newGroupCreatesTheDirectoryAndRefusesAnInvalidNameInTheDialog(FxRobot robot, LiveCgroups cg) throws Exception {
        Path mount = live.mount("unified");
        Path parent = cg.mkdir(mount, LiveCgroups.newName());
        live.select(robot, live.key("unified", parent));
        click(robot, "new-group");
        typeName(robot, "a/b");
        Label error = robot.lookup("#group-name-error").queryAs(Label.class);
        assertFalse(error.getText().isEmpty(), "the reason is shown in the dialog");
        assertTrue(robot.lookup(".dialog-pane .button").match((Button b) -> "OK".equals(b.getText()))
                .queryAs(Button.class).isDisabled(), "OK is disabled while the name is invalid");
        String name = LiveCgroups.newName();
        typeName(robot, name);
        Screenshots.save(robot.lookup(".dialog-pane").query().getScene(), "dialog-new-group");
        cg.track(parent.resolve(name));
        robot.push(KeyCode.ENTER);
        live.await("the group in the kernel", () -> Files.isDirectory(parent.resolve(name)));
        awaitReport("Done");
        assertTrue(told().contains(name), told());
        live.await("the new group in the tree", () -> live.window.tree().item(live.key("unified", parent.resolve(name)))
                .isPresent());
    }

    @Test
    void renameWorksOnV1AndOnV2TheActionSaysWhyNot(FxRobot robot, LiveCgroups cg) throws Exception {
        Path v2 = cg.mkdir(live.mount("unified"), LiveCgroups.newName());
        live.select(robot, live.key("unified", v2));
        assertTrue(tool(robot, "rename-group").isDisabled());
        assertTrue(live.menuText(robot, "menu-rename-group").contains("cgroup2 cannot rename groups"),
                live.menuText(robot, "menu-rename-group"));

        Path pids = live.mount("pids");
        Path old = cg.mkdir(pids, LiveCgroups.newName());
        live.select(robot, live.key("pids", old));
        click(robot, "rename-group");
        String name = LiveCgroups.newName();
        typeName(robot, name);
        cg.track(pids.resolve(name));
        robot.push(KeyCode.ENTER);
        live.await("renamed in the kernel", () -> Files.isDirectory(pids.resolve(name)) && !Files.exists(old));
        awaitReport("Done");
    }

    @Test
    void removeRefusesAPopulatedGroupWithTheReasonAndRemovesAnEmptyOne(FxRobot robot, LiveCgroups cg)
            throws Exception {
        Path mount = live.mount("unified");
        Path full = cg.mkdir(mount, LiveCgroups.newName());
        long pid = cg.start("sleep", "600").pid();
        cg.moveInto(full, pid);
        GroupKey kf = live.key("unified", full);
        live.await("the process on screen", () -> live.row(kf).map(g -> g.tasks().size() == 1).orElse(false));
        live.select(robot, kf);
        assertTrue(tool(robot, "remove-group").isDisabled());
        assertTrue(live.menuText(robot, "menu-remove-group").contains("it still has 1 process)"),
                live.menuText(robot, "menu-remove-group"));
        robot.push(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isDirectory(full), "still there");

        Path empty = cg.mkdir(mount, LiveCgroups.newName());
        live.select(robot, live.key("unified", empty));
        click(robot, "remove-group");
        live.await("gone from the kernel", () -> !Files.exists(empty));
        awaitReport("Done");
        live.await("gone from the tree", () -> live.window.tree().item(live.key("unified", empty)).isEmpty());
    }

    @Test
    void theControllersDialogShowsWhatIsAvailableAndCancelWritesNothing(FxRobot robot, LiveCgroups cg)
            throws Exception {
        Path mount = live.mount("unified");
        Path g = cg.mkdir(mount, LiveCgroups.newName());
        live.select(robot, live.key("unified", g));
        String available = Files.readString(g.resolve("cgroup.controllers")).strip();
        click(robot, "controllers");
        Screenshots.save(robot.lookup(".dialog-pane").query().getScene(), "dialog-controllers");
        if (available.isEmpty()) {
            // This host's cgroup2 root enables nothing for its children (the controllers are
            // bound to v1), and a test may not change the root: the dialog must say so.
            assertTrue(robot.lookup(".dialog-pane .label").match((Label l) -> l.getText() != null
                    && l.getText().contains("No controllers are available")).tryQuery().isPresent());
            System.out.println("NOTE controllers dialog: cgroup2 root enables no controllers here; "
                    + "enable/disable is proven on fixtures, not live");
        } else {
            String c = available.split("\\s+")[0];
            robot.interact(() -> robot.lookup("#controller-" + c).queryAs(javafx.scene.control.CheckBox.class)
                    .setSelected(true));
        }
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", Files.readString(g.resolve("cgroup.subtree_control")).strip(), "cancel wrote nothing");
    }

    @Test
    void freezeAndThawOnV2ShowTheFrozenStateInTheTree(FxRobot robot, LiveCgroups cg) throws Exception {
        Path g = cg.mkdir(live.mount("unified"), LiveCgroups.newName());
        cg.moveInto(g, cg.start("sleep", "600").pid());
        freezeAndThaw(robot, live.key("unified", g), () -> Files.readString(g.resolve("cgroup.events"))
                .contains("frozen 1"), "v2");
    }

    @Test
    void freezeAndThawOnV1ShowTheFrozenStateInTheTree(FxRobot robot, LiveCgroups cg) throws Exception {
        Path g = cg.mkdir(live.mount("freezer"), LiveCgroups.newName());
        cg.moveInto(g, cg.start("sleep", "600").pid());
        freezeAndThaw(robot, live.key("freezer", g), () -> Files.readString(g.resolve("freezer.state")).strip()
                .equals("FROZEN"), "v1");
    }

    private interface KernelSays {
        boolean frozen() throws Exception;
    }

    private void freezeAndThaw(FxRobot robot, GroupKey k, KernelSays kernel, String name) throws Exception {
        live.await("the process on screen", () -> live.row(k).map(r -> !r.tasks().isEmpty()).orElse(false));
        live.select(robot, k);
        click(robot, "freeze");
        live.await("frozen in the kernel", () -> frozen(kernel));
        live.await("frozen in the tree", () -> live.row(k).flatMap(r -> r.freeze())
                .map(f -> f == FreezeState.FROZEN).orElse(false));
        awaitReport("Done");
        assertTrue(live.treeRow(robot, k).getStyleClass().toString().contains("frozen")
                || robot.lookup(".frozen").tryQuery().isPresent(), "the tree marks the frozen group");
        Screenshots.save(live.window.scene(), "frozen-live-" + name);
        click(robot, "thaw");
        live.await("thawed in the kernel", () -> !frozen(kernel));
        live.await("thawed in the tree", () -> live.row(k).flatMap(r -> r.freeze())
                .map(f -> f == FreezeState.THAWED).orElse(false));
    }

    private static boolean frozen(KernelSays k) {
        try {
            return k.frozen();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void killAllOnV2AsksFirstThenEndsEveryProcessWithCgroupKill(FxRobot robot, LiveCgroups cg) throws Exception {
        Path g = cg.mkdir(live.mount("unified"), LiveCgroups.newName());
        killAll(robot, cg, g, live.key("unified", g));
    }

    @Test
    void killAllOnV1SignalsEveryTaskThenThaws(FxRobot robot, LiveCgroups cg) throws Exception {
        Path g = cg.mkdir(live.mount("freezer"), LiveCgroups.newName());
        killAll(robot, cg, g, live.key("freezer", g));
        assertEquals("THAWED", Files.readString(g.resolve("freezer.state")).strip(), "thawed afterwards");
    }

    private void killAll(FxRobot robot, LiveCgroups cg, Path g, GroupKey k) throws Exception {
        List<Process> ps = List.of(cg.start("sleep", "600"), cg.start("sleep", "600"), cg.start("sleep", "600"));
        for (Process p : ps) {
            cg.moveInto(g, p.pid());
        }
        live.await("3 processes on screen", () -> live.row(k).map(r -> r.tasks().size() == 3).orElse(false));
        live.select(robot, k);
        click(robot, "kill-all");
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isPresent(), "asks first");
        Screenshots.save(robot.lookup(".dialog-pane").query().getScene(), "dialog-kill-all");
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(ps.stream().allMatch(Process::isAlive), "cancel kills nothing");
        click(robot, "kill-all");
        robot.push(KeyCode.ENTER);
        live.await("every process ended", () -> ps.stream().noneMatch(Process::isAlive));
        live.await("the group empty", () -> LiveWindow.members(g).isEmpty());
        awaitReport("Done");
        assertEquals(Set.of(), LiveWindow.members(g));
    }
}
