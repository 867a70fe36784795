package io.corral.app.console;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.command.Journal;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.launch.Launcher;
import io.corral.model.launch.LogDirectory;
import io.corral.model.namespace.IdMapWriter;
import io.corral.model.proc.ProcFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.GroupKey;
import io.corral.model.testing.FixtureHost;
import io.corral.views.actions.ActionReport;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Launch... in the real window on a fixture cgroup2 host with a real launcher: the dialog
 * opens on the selected group, refuses a bad limit in its field, sets the limit through the
 * engine before the launch, and reports pid, log file and unshare line (or the reason).
 */
@ExtendWith(ApplicationExtension.class)
class LaunchConsoleFxTest {
    @TempDir
    static Path dir;
    private FixtureHost host;
    private ConsoleSession session;
    private ConsoleUnderTest console;
    private ConsoleState state;
    private MainWindow window;
    private Path logs;
    private final List<String> writes = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        host = FixtureHost.unified(dir.resolve("h" + System.nanoTime()));
        host.cgroup("unified", "/corral-test-app", "pids.max", "max\n");
        host.process(1).command("init", "/sbin/init").write();
        host.process(4101).command("sleep", "sleep", "1000").in("unified", "/corral-test-app").write();
        CgroupFs fs = host.fs();
        fs.setWriteObserver((file, value) -> writes.add(host.root().relativize(file) + "=" + value));
        logs = dir.resolve("logs" + System.nanoTime());
        session = new ConsoleSession(fs, new ProcFs(host.root()), Duration.ofMillis(150),
                Optional.of(new Journal(dir.resolve("journal" + System.nanoTime() + ".jsonl"))));
        session.enableNamespaces(new Launcher(fs, ProcFs.live(), new IdMapWriter(ProcFs.live(), false),
                new LogDirectory(logs)), null);
        console = ConsoleUnderTest.open(stage, session, host.root());
        state = console.state;
        window = console.window;
    }

    @AfterEach
    void stop() {
        console.close();
    }

    private static void await(String what, BooleanSupplier c) throws InterruptedException {
        ConsoleUnderTest.await(what, Duration.ofSeconds(30), c);
    }

    private void selectApp(FxRobot robot) throws InterruptedException {
        await("first frame", () -> state.frame().isPresent());
        robot.interact(() -> state.selection().selectGroup(new GroupKey("unified", GroupPath.ofKernel("/corral-test-app"))));
        await("launch enabled", () -> !robot.lookup("#tool-launch").queryButton().isDisabled());
    }

    private Button launchButton(FxRobot robot) {
        return robot.lookup(".button").queryAllAs(Button.class).stream()
                .filter(b -> "Launch".equals(b.getText())).findFirst().orElseThrow();
    }

    /** The limits are below the fold of the dialog's scroll pane: typed programmatically. */
    private static void setText(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextField.class).setText(text));
    }

    @Test
    void withoutASelectedGroupLaunchIsDisabledWithTheReason(FxRobot robot) throws Exception {
        await("first frame", () -> state.frame().isPresent());
        robot.interact(() -> state.selection().selectGroup(null));
        Button b = robot.lookup("#tool-launch").queryButton();
        await("launch disabled", b::isDisabled);
        String tip = io.corral.views.shell.GuardedButton.tooltipOf(b).orElse("");
        assertTrue(tip.contains("select a group first"), tip);
    }

    @Test
    void aBadLimitIsRefusedInItsFieldThenTheLimitIsSetBeforeTheLaunch(FxRobot robot) throws Exception {
        selectApp(robot);
        robot.clickOn("#tool-launch");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("/corral-test-app", robot.lookup("#launch-group").queryAs(ComboBox.class).getValue());
        robot.clickOn("#launch-command").write("echo");
        robot.clickOn("#launch-arguments").write("launched-from-console");
        setText(robot, "#launch-limit-pids-max", "50000abc");
        WaitForAsyncUtils.waitForFxEvents();
        String error = robot.lookup("#launch-limit-pids-max-error").queryAs(Label.class).getText();
        assertTrue(error.contains("pids.max"), error);
        assertTrue(launchButton(robot).isDisabled(), "a refused limit keeps Launch disabled");

        setText(robot, "#launch-limit-pids-max", "64");
        assertEquals("", robot.lookup("#launch-limit-pids-max-error").queryAs(Label.class).getText());
        assertFalse(launchButton(robot).isDisabled());
        assertTrue(writes.isEmpty(), "nothing written while the dialog is open: " + writes);
        robot.clickOn(launchButton(robot));

        await("the launch report", () -> window.notifications().last() != null
                && window.notifications().last().summary().contains("launch"));
        ActionReport r = window.notifications().last();
        assertEquals(ActionReport.Outcome.APPLIED, r.outcome(), r.toString());
        String details = String.join("\n", r.details());
        assertTrue(details.matches("(?s).*started process \\d+ \\(output in .*\\).*"), details);
        assertTrue(details.contains("unshare"), details);
        assertTrue(writes.get(0).endsWith("corral-test-app/pids.max=64"), writes.toString());
        assertTrue(writes.get(writes.size() - 1).matches(".*corral-test-app/cgroup.procs=\\d+"), writes.toString());
        await("the log file", () -> {
            try (var files = Files.list(logs)) {
                return files.anyMatch(f -> {
                    try {
                        return Files.readString(f).contains("launched-from-console");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    void aGroupThatDoesNotExistIsRefusedWithTheReasonAndNothingRuns(FxRobot robot) throws Exception {
        selectApp(robot);
        robot.clickOn("#tool-launch");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#launch-group").queryAs(ComboBox.class).getEditor()
                .setText("/corral-test-missing"));
        robot.clickOn("#launch-command").write("echo");
        setText(robot, "#launch-limit-pids-max", "10");
        robot.clickOn(launchButton(robot));

        await("the refusal", () -> window.notifications().last() != null
                && window.notifications().last().outcome() == ActionReport.Outcome.REJECTED);
        String text = window.notifications().last().summary() + " " + window.notifications().last().details();
        assertTrue(text.contains("/corral-test-missing") && text.contains("does not exist"), text);
        assertTrue(writes.isEmpty(), writes.toString());
        assertFalse(Files.exists(logs), "no log file: nothing was started");
    }
}
