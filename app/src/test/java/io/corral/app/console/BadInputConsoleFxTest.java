package io.corral.app.console;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.KernelException;
import io.corral.model.limit.Knob;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.GroupKey;
import io.corral.model.testing.FixtureHost;
import io.corral.views.limits.LimitField;
import io.corral.views.limits.LimitsEditor;
import io.corral.views.limits.LimitsEditorModel;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GUI side of the bad-input table (issue 6), in the real window on a fixture cgroup2
 * host whose {@link CgroupFs} records every write and directory change: the inputs of
 * {@code BadInputCliTest} typed into the limit editor's memory.max field, the Launch
 * dialog's limit fields and the new-group dialog are refused in the field with a specific
 * message, and nothing reaches the (fixture) kernel.
 */
@ExtendWith(ApplicationExtension.class)
class BadInputConsoleFxTest {
    /** Input -> a words of the message it must produce (as BadInputCliTest and LimitParser say them). */
    private static final Map<String, String> LIMITS = Map.of(
            "-5", "negative",
            "abc", "memory.max",
            "1X", "unknown unit",
            "50000abc", "unknown unit",
            "max 500", "memory.max",
            "9".repeat(5000), "at most 4096");
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("..", "not allowed"),
            Map.entry(".", "not allowed"),
            Map.entry("a/b", "/"),
            Map.entry("corral-test-\n", "(dropped by the field)"),
            Map.entry("cgroup.procs", "interface file"),
            Map.entry("tasks", "interface file"),
            Map.entry("memory.max", "memory interface file"),
            Map.entry("", "empty"),
            Map.entry("a".repeat(300), "at most 255"));
    @TempDir
    static Path dir;
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private ConsoleSession session;
    private ConsoleUnderTest console;
    private ConsoleState state;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        FixtureHost host = FixtureHost.unified(dir.resolve("h" + System.nanoTime()));
        host.cgroup("unified", "/corral-test-app", "memory.max", "max\n", "pids.max", "max\n");
        host.process(1).command("init", "/sbin/init").write();
        CgroupFs fs = host.fs();
        fs.setWriteObserver(new CgroupFs.WriteObserver() {
            @Override
            public void beforeWrite(Path file, String value) {
                writes.add("write " + file + "=" + value);
            }

            @Override
            public void beforeDirectoryChange(KernelException.Op op, Path d) {
                writes.add(op + " " + d);
            }
        });
        session = new ConsoleSession(fs, new ProcFs(host.root()), Duration.ofMillis(150), Optional.empty());
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

    private void select(FxRobot robot, String path) throws InterruptedException {
        await("first frame", () -> state.frame().isPresent());
        robot.interact(() -> state.selection().selectGroup(new GroupKey("unified", GroupPath.ofKernel(path))));
        await(path + " selected", () -> state.selection().groupRow().get().isPresent());
    }

    @Test
    void badLimitsAreRefusedInTheLimitEditorsFieldAndNeverWritten(FxRobot robot) throws Exception {
        select(robot, "/corral-test-app");
        robot.clickOn("#tab-limits");
        await("the memory.max field", () -> robot.lookup(".limits-editor").tryQueryAs(LimitsEditor.class)
                .flatMap(e -> e.field(Knob.MEMORY_MAX)).isPresent());
        LimitField field = robot.lookup(".limits-editor").queryAs(LimitsEditor.class).field(Knob.MEMORY_MAX)
                .orElseThrow();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> c : LIMITS.entrySet()) {
            robot.interact(() -> field.textField().setText(c.getKey()));
            robot.clickOn(field.textField()).type(KeyCode.ENTER);
            WaitForAsyncUtils.sleep((long) LimitsEditorModel.DEBOUNCE.toMillis() + 150, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            Optional<String> error = field.errorText();
            boolean invalid = field.textField().getPseudoClassStates().contains(LimitField.INVALID);
            if (!invalid || error.isEmpty() || !error.get().startsWith("memory.max: ")
                    || !error.get().contains(c.getValue())) {
                wrong.add(abbreviate(c.getKey()) + " -> " + error + (invalid ? "" : " (field not marked)"));
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(List.of(), writes, "no write reached the kernel");
    }

    @Test
    void badLimitsAreRefusedInTheLaunchDialogAndLaunchStaysDisabled(FxRobot robot) throws Exception {
        select(robot, "/corral-test-app");
        robot.clickOn("#tool-launch");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#launch-command").write("true");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> c : LIMITS.entrySet()) {
            robot.interact(() -> robot.lookup("#launch-limit-memory-max").queryAs(TextField.class).setText(c.getKey()));
            String error = robot.lookup("#launch-limit-memory-max-error").queryAs(Label.class).getText();
            Button launch = robot.lookup(".button").queryAllAs(Button.class).stream()
                    .filter(b -> "Launch".equals(b.getText())).findFirst().orElseThrow();
            if (!error.startsWith("memory.max: ") || !error.contains(c.getValue()) || !launch.isDisabled()) {
                wrong.add(abbreviate(c.getKey()) + " -> " + error + (launch.isDisabled() ? "" : " (Launch enabled)"));
            }
        }
        robot.clickOn(robot.lookup(".button").queryAllAs(Button.class).stream()
                .filter(b -> "Cancel".equals(b.getText())).findFirst().orElseThrow());
        assertEquals(List.of(), wrong);
        assertEquals(List.of(), writes, "no write reached the kernel");
    }

    @Test
    void badGroupNamesAreRefusedInTheNewGroupDialogAndNoGroupIsMade(FxRobot robot) throws Exception {
        select(robot, "/corral-test-app");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> c : NAMES.entrySet()) {
            robot.clickOn("#tool-new-group");
            WaitForAsyncUtils.waitForFxEvents();
            TextField name = robot.lookup("#group-name-field").queryAs(TextField.class);
            robot.interact(() -> name.setText(c.getKey()));
            WaitForAsyncUtils.waitForFxEvents();
            DialogPane dialog = (DialogPane) name.getScene().getRoot();
            if (c.getKey().contains("\n")) {
                // A TextField drops line breaks from what is typed or pasted: the newline never
                // reaches the name (GroupName refuses it where text can carry one: the CLI).
                if (name.getText().contains("\n")) {
                    wrong.add(abbreviate(c.getKey()) + " -> the field kept the newline");
                }
                robot.interact(() -> ((Button) dialog.lookupButton(ButtonType.CANCEL)).fire());
                continue;
            }
            String error = robot.lookup("#group-name-error").queryAs(Label.class).getText();
            DialogPane pane = (DialogPane) name.getScene().getRoot();
            if (!error.contains(c.getValue()) || !pane.lookupButton(ButtonType.OK).isDisabled()) {
                wrong.add(abbreviate(c.getKey()) + " -> \"" + error + "\"");
            }
            robot.clickOn(name).type(KeyCode.ENTER); // the user insists: a disabled OK must not create it
            WaitForAsyncUtils.waitForFxEvents();
            if (pane.getScene() == null || !pane.getScene().getWindow().isShowing()) {
                wrong.add(abbreviate(c.getKey()) + " -> Enter closed the dialog");
                continue;
            }
            robot.interact(() -> ((Button) pane.lookupButton(ButtonType.CANCEL)).fire());
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(List.of(), wrong);
        assertEquals(List.of(), writes, "no mkdir reached the kernel");
    }

    private static String abbreviate(String s) {
        String v = s.replace("\n", "\\n");
        return "\"" + (v.length() > 24 ? v.substring(0, 24) + "...(" + v.length() + ")" : v) + "\"";
    }
}
