package io.corral.views.checkpoint;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.checkpoint.Catalog;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.styles.Themes;
import io.corral.views.testing.Fx;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restore dialog on a fixture catalog: choices, the target group's name check, the PID pre-check. */
@ExtendWith(ApplicationExtension.class)
class RestoreDialogFxTest {
    @TempDir
    Path tmp;
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private Stage stage;
    private RestoreDialog dialog;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void close() {
        if (dialog != null) {
            Fx.run(() -> dialog.close());
        }
        worker.shutdownNow();
    }

    private RestoreDialog open(Catalog c, Optional<GroupPath> group, Optional<String> id) throws Exception {
        CheckpointService service = CheckpointService.live(CheckpointService.Config.fromEnvironment(Map.of())
                .withCatalogRoot(c.root()));
        List<CheckpointRow> rows = CheckpointRow.load(c);
        dialog = Fx.call(() -> {
            RestoreDialog d = new RestoreDialog(service, CriuAvailability.known(FixtureCatalog.AVAILABLE), worker, rows,
                    group, id);
            d.initOwner(stage);
            d.getDialogPane().getStylesheets().addAll(0, Themes.stylesheets(Themes.Theme.LIGHT));
            d.show();
            return d;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !Fx.call(() ->
                ((Label) dialog.getDialogPane().lookup("#restore-precheck")).getText()).startsWith("Checking"));
        WaitForAsyncUtils.waitForFxEvents();
        return dialog;
    }

    private boolean startDisabled() {
        return Fx.call(() -> dialog.getDialogPane().lookupButton(RestoreDialog.START).isDisabled());
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryLabeled().getText();
    }

    @Test
    void aTakenPidIsNamedAndTheRestoreRefused(FxRobot robot) throws Exception {
        Catalog c = new Catalog(tmp.resolve("taken"));
        long self = ProcessHandle.current().pid();
        String id = FixtureCatalog.entry(c, "/corral-test-host-pids", "", 1, self, false);
        open(c, Optional.empty(), Optional.of(id));
        String pre = text(robot, "restore-precheck");
        assertTrue(pre.startsWith("PIDs taken: PID " + self + " (needed by sh) is taken by "), pre);
        assertTrue(startDisabled());
        assertTrue(text(robot, "restore-verdict").startsWith("Cannot restore: PIDs taken: PID " + self));
    }

    @Test
    void theHeaderNamesTheChosenCheckpointsGroupNotTheTreesSelection(FxRobot robot) throws Exception {
        Catalog c = new Catalog(tmp.resolve("header"));
        String db = FixtureCatalog.entry(c, "/corral-test-db", "db", 2);
        open(c, Optional.of(GroupPath.ofKernel("/corral-test-web")), Optional.of(db));
        assertEquals("Restore a checkpoint of /corral-test-db", Fx.call(dialog::getHeaderText));
    }

    @Test
    void thisGroupsCheckpointsFirstCorruptedNeverAndTheNewGroupNameIsChecked(FxRobot robot) throws Exception {
        Catalog c = new Catalog(tmp.resolve("choices"));
        String web = FixtureCatalog.entry(c, "/corral-test-web", "web", 3);
        FixtureCatalog.entry(c, "/corral-test-db", "db", 2);
        String broken = FixtureCatalog.entry(c, "/corral-test-web", "broken", 3);
        FixtureCatalog.corrupt(c, broken);
        open(c, Optional.of(GroupPath.ofKernel("/corral-test-web")), Optional.empty());
        assertTrue(robot.lookup("#restore-only-group").queryAs(CheckBox.class).isSelected());
        assertEquals(List.of(web), dialog.entryBox().getItems().stream().map(CheckpointRow::id).toList(),
                "this group's restorable checkpoints; the corrupted one is not offered");
        assertTrue(text(robot, "restore-precheck").contains("no host PID is needed"));
        assertFalse(startDisabled(), "into the original group: ready");
        robot.clickOn("#restore-only-group");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, dialog.entryBox().getItems().size(), "any group's restorable checkpoints");

        robot.clickOn("#restore-new");
        robot.clickOn("#restore-new-group").write("cgroup.procs");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("group name \"cgroup.procs\" is the name of a cgroup interface file",
                text(robot, "restore-group-error"));
        assertTrue(startDisabled(), "an invalid name is refused in the field, never sent");
        robot.interact(() -> ((javafx.scene.control.TextField) robot.lookup("#restore-new-group").query())
                .setText("corral-test-copy"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Restores into /corral-test-copy in every hierarchy the checkpoint recorded.",
                text(robot, "restore-group-error"));
        assertFalse(startDisabled());
        Fx.screenshot(dialog.getDialogPane().getScene(), "restore-dialog-fixture-light");
        robot.interact(() -> dialog.getDialogPane().getStylesheets().setAll(Themes.stylesheets(Themes.Theme.DARK)));
        robot.interact(() -> dialog.getDialogPane().getStylesheets().add(
                CheckpointsPane.class.getResource("checkpoint.css").toExternalForm()));
        Fx.pulses(2);
        Fx.screenshot(dialog.getDialogPane().getScene(), "restore-dialog-fixture-dark");
    }
}
