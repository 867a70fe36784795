package io.corral.views.checkpoint;

import io.corral.model.checkpoint.Catalog;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.styles.Themes;
import io.corral.views.testing.Fx;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Checkpoints pane on a fixture catalog written with the model's own classes. */
@ExtendWith(ApplicationExtension.class)
class CheckpointsPaneFxTest {
    @TempDir
    static Path tmp;
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    private Catalog catalog(String name) {
        return new Catalog(tmp.resolve(name));
    }

    private CheckpointsPane show(FxRobot robot, Catalog catalog, CriuAvailabilityFactory criu, Themes.Theme theme) {
        CheckpointService service = CheckpointService.live(CheckpointService.Config.fromEnvironment(Map.of())
                .withCatalogRoot(catalog.root()));
        CheckpointsPane pane = Fx.call(() -> {
            CheckpointsPane p = new CheckpointsPane(service, criu.make(), worker, () -> stage);
            p.getStylesheets().add(CheckpointsPane.class.getResource("checkpoint.css").toExternalForm());
            Scene scene = new Scene(p, 1000, 520);
            scene.getStylesheets().setAll(Themes.stylesheets(theme));
            stage.setScene(scene);
            stage.show();
            p.refresh();
            return p;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return pane;
    }

    interface CriuAvailabilityFactory {
        CriuAvailability make();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Button.class);
    }

    private static String tooltip(FxRobot robot, String id) {
        return robot.lookup("#" + id + "-box").query().getProperties().values().stream()
                .filter(v -> v instanceof javafx.scene.control.Tooltip).map(v -> ((javafx.scene.control.Tooltip) v)
                        .getText()).findFirst().orElse("");
    }

    private void select(FxRobot robot, CheckpointsPane pane, String id) {
        robot.interact(() -> pane.select(id));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void listsTheEntriesAndFlagsTheCorruptedOneWhichIsNotOfferedForRestore(FxRobot robot) throws Exception {
        Catalog c = catalog("listed");
        String good = FixtureCatalog.entry(c, "/corral-test-web", "before upgrade", 3);
        String bad = FixtureCatalog.entry(c, "/corral-test-db", "", 2);
        FixtureCatalog.corrupt(c, bad);
        CheckpointsPane pane = show(robot, c, () -> CriuAvailability.known(FixtureCatalog.AVAILABLE), Themes.Theme.LIGHT);
        waitFor(() -> pane.rows().size() == 2);

        CheckpointRow g = pane.rows().stream().filter(r -> r.id().equals(good)).findFirst().orElseThrow();
        assertEquals("ok", g.state());
        assertEquals("before upgrade", g.label());
        assertEquals("/corral-test-web", g.group());
        assertEquals(Optional.of(3), g.processes());
        assertEquals(Optional.of(182L), g.dumpMillis());
        assertEquals("2026-11-29 01:52:10", g.time());
        CheckpointRow b = pane.rows().stream().filter(r -> r.id().equals(bad)).findFirst().orElseThrow();
        assertFalse(b.restorable());
        assertEquals("corrupted: pages-1.img does not match its SHA-256 (corrupted)", b.state());
        assertTrue(robot.lookup(".table-cell").match((javafx.scene.control.TableCell<?, ?> cell) ->
                b.state().equals(cell.getText())).tryQuery().isPresent(), "the reason is on screen");

        select(robot, pane, bad);
        assertTrue(button(robot, "checkpoint-restore").isDisabled(), "corrupted entry: Restore disabled");
        assertTrue(tooltip(robot, "checkpoint-restore").contains("pages-1.img does not match its SHA-256"),
                tooltip(robot, "checkpoint-restore"));
        assertFalse(button(robot, "checkpoint-delete").isDisabled(), "a corrupted entry can still be deleted");
        select(robot, pane, good);
        assertFalse(button(robot, "checkpoint-restore").isDisabled(), "a verified entry is offered for restore");
        String details = robot.lookup("#checkpoint-details").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(details.contains("cpu:/corral-test-web  cpu.quota=0.5"), details);
        assertTrue(details.contains("own pid namespace"), details);
        Fx.screenshot(stage.getScene(), "checkpoints-pane-light");
        robot.interact(() -> stage.getScene().getStylesheets().setAll(Themes.stylesheets(Themes.Theme.DARK)));
        Fx.pulses(2);
        Fx.screenshot(stage.getScene(), "checkpoints-pane-dark");
    }

    @Test
    void restoreIsDisabledWithTheSelfTestsReasonWhenCriuIsUnavailable(FxRobot robot) throws Exception {
        Catalog c = catalog("unavailable");
        String good = FixtureCatalog.entry(c, "/corral-test-web", "", 3);
        CheckpointsPane pane = show(robot, c, () -> CriuAvailability.known(FixtureCatalog.UNAVAILABLE),
                Themes.Theme.LIGHT);
        waitFor(() -> pane.rows().size() == 1);
        select(robot, pane, good);
        assertTrue(button(robot, "checkpoint-restore").isDisabled());
        assertTrue(tooltip(robot, "checkpoint-restore").contains("PTRACE_O_SUSPEND_SECCOMP"), tooltip(robot,
                "checkpoint-restore"));
        String shown = robot.lookup("#checkpoint-availability").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(shown.startsWith("Checkpoint and restore unavailable: criu check"), shown);
        assertFalse(button(robot, "checkpoint-verify").isDisabled(), "the catalog stays usable");
    }

    @Test
    void deleteAfterConfirmationRemovesTheEntry(FxRobot robot) throws Exception {
        Catalog c = catalog("delete");
        String keep = FixtureCatalog.entry(c, "/corral-test-a", "", 1);
        String gone = FixtureCatalog.entry(c, "/corral-test-b", "", 1);
        CheckpointsPane pane = show(robot, c, () -> CriuAvailability.known(FixtureCatalog.AVAILABLE), Themes.Theme.LIGHT);
        waitFor(() -> pane.rows().size() == 2);
        select(robot, pane, gone);
        robot.clickOn("#checkpoint-delete");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup("#checkpoint-delete-confirm .button").match((Button x) -> x.isDefaultButton())
                .queryButton());
        waitFor(() -> pane.rows().size() == 1);
        assertEquals(keep, pane.rows().get(0).id());
        assertFalse(Files.exists(c.root().resolve(gone)));
        assertEquals(List.of(keep), c.list().stream().map(Catalog.Entry::id).toList());
    }

    @Test
    void exportedEntryImportsBackVerified(FxRobot robot) throws Exception {
        Catalog c = catalog("export");
        String id = FixtureCatalog.entry(c, "/corral-test-a", "to move", 2);
        CheckpointsPane pane = show(robot, c, () -> CriuAvailability.known(FixtureCatalog.AVAILABLE), Themes.Theme.LIGHT);
        Path archive = tmp.resolve("moved.tar");
        robot.interact(() -> pane.setFileChoice(new FileChoice() {
            @Override
            public Optional<Path> exportTarget(Window owner, String x) {
                return Optional.of(archive);
            }

            @Override
            public Optional<Path> importSource(Window owner) {
                return Optional.of(archive);
            }
        }));
        waitFor(() -> pane.rows().size() == 1);
        select(robot, pane, id);
        robot.clickOn("#checkpoint-export");
        waitFor(() -> pane.messageLabel().getText().startsWith("Exported"));
        assertTrue(Files.size(archive) > 300_000);
        c.delete(id);
        robot.interact(pane::refresh);
        waitFor(() -> pane.rows().isEmpty());
        robot.clickOn("#checkpoint-import");
        waitFor(() -> pane.rows().size() == 1);
        assertEquals(id, pane.rows().get(0).id());
        assertTrue(pane.rows().get(0).restorable());
    }

    @Test
    void anEntryAddedByAnotherProgramIsListedWithoutHashingTheOthersAgain(FxRobot robot) throws Exception {
        Catalog c = catalog("followed");
        String first = FixtureCatalog.entry(c, "/corral-test-a", "", 1);
        CheckpointsPane pane = show(robot, c, () -> CriuAvailability.known(FixtureCatalog.AVAILABLE), Themes.Theme.LIGHT);
        waitFor(() -> pane.rows().size() == 1);
        CheckpointRow seen = pane.rows().get(0);
        robot.interact(() -> pane.follow(javafx.util.Duration.millis(150)));
        // Corrupted after it was verified: the follow must not hash it again (Refresh does).
        FixtureCatalog.corrupt(c, first);
        Thread.sleep(1100); // a new directory entry must move the catalog's mtime past the last look
        String second = FixtureCatalog.entry(c, "/corral-test-b", "made by the CLI", 2);
        waitFor(() -> pane.rows().size() == 2);
        assertTrue(pane.rows().stream().anyMatch(r -> r.id().equals(second) && r.restorable()));
        assertTrue(pane.rows().contains(seen), "the entry already verified is kept as it was");
        robot.interact(pane::refresh);
        waitFor(() -> pane.rows().stream().anyMatch(r -> r.id().equals(first) && !r.restorable()));
    }
}
