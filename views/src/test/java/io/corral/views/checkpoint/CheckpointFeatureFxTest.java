package io.corral.views.checkpoint;

import io.corral.model.checkpoint.CheckpointService;
import io.corral.model.sample.GroupKey;
import io.corral.styles.Themes;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import io.corral.views.testing.FakeHost;
import io.corral.views.testing.Fx;
import io.corral.views.testing.TestPrefs;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.corral.views.testing.FakeHost.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoint and Restore in the real main window (in-memory host): present, and disabled with reasons. */
@ExtendWith(ApplicationExtension.class)
class CheckpointFeatureFxTest {
    @TempDir
    static Path tmp;
    private final FakeHost host = FakeHost.sample();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private Stage stage;
    private ConsoleState state;
    private MainWindow window;
    private CheckpointFeature feature;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    private void open(FxRobot robot, CriuAvailability criu, String catalog) throws Exception {
        CheckpointService service = CheckpointService.live(CheckpointService.Config.fromEnvironment(Map.of())
                .withCatalogRoot(tmp.resolve(catalog)));
        Fx.run(() -> {
            state = new ConsoleState();
            window = new MainWindow(stage, state, host, TestPrefs.fresh());
            feature = new CheckpointFeature(state, service, criu, worker, () -> stage);
            feature.install(window);
            window.show();
            state.offer(host.frame());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void select(FxRobot robot, GroupKey k) {
        robot.interact(() -> state.selection().selectGroup(k));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private MenuItem menuItem(String id) {
        MenuBar bar = (MenuBar) window.scene().lookup("#menu-bar");
        return bar.getMenus().stream().flatMap((Menu m) -> m.getItems().stream()).filter(i -> id.equals(i.getId()))
                .findFirst().orElseThrow(() -> new AssertionError("no menu item " + id));
    }

    private String tooltip(FxRobot robot, String id) {
        return robot.lookup("#" + id + "-box").query().getProperties().values().stream()
                .filter(v -> v instanceof javafx.scene.control.Tooltip)
                .map(v -> ((javafx.scene.control.Tooltip) v).getText()).findFirst().orElse("");
    }

    @Test
    void unavailableCriuDisablesCheckpointAndRestoreWithTheReasonNotHidden(FxRobot robot) throws Exception {
        open(robot, CriuAvailability.known(FixtureCatalog.UNAVAILABLE), "none");
        select(robot, key("unified", "/web/frontend"));
        Button tool = robot.lookup("#tool-checkpoint").queryButton();
        assertTrue(tool.isVisible() && tool.isDisabled());
        assertTrue(tooltip(robot, "tool-checkpoint").contains("CRIU unavailable: criu check"), tooltip(robot,
                "tool-checkpoint"));
        assertTrue(robot.lookup("#tool-restore").queryButton().isDisabled());
        MenuItem item = menuItem("menu-checkpoint");
        assertTrue(item.isDisable() && item.isVisible());
        assertTrue(item.getText().startsWith("Checkpoint\u2026  (CRIU unavailable: criu check"), item.getText());
        assertEquals(CheckpointFeature.CHECKPOINT_KEY, item.getAccelerator());
        assertTrue(menuItem("menu-restore").isDisable());
        assertTrue(window.tree().table().getContextMenu().getItems().stream()
                .anyMatch(i -> "menu-checkpoint-ctx".equals(i.getId()) && i.isDisable()), "context menu item");
        String pane = robot.lookup("#checkpoint-availability").queryLabeled().getText();
        assertTrue(pane.contains("PTRACE_O_SUSPEND_SECCOMP"), pane);
    }

    @Test
    void checkpointIsOfferedForAGroupWithProcessesAndRefusedWithReasonsOtherwise(FxRobot robot) throws Exception {
        FixtureCatalog.entry(new io.corral.model.checkpoint.Catalog(tmp.resolve("one")), "/web/frontend", "", 2);
        open(robot, CriuAvailability.known(FixtureCatalog.AVAILABLE), "one");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> feature.pane().rows().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        select(robot, key("unified", "/web/frontend"));
        assertEquals(Optional.empty(), feature.checkpointRefusal());
        assertFalse(robot.lookup("#tool-checkpoint").queryButton().isDisabled());
        assertFalse(menuItem("menu-checkpoint").isDisable());
        assertFalse(robot.lookup("#tool-restore").queryButton().isDisabled(), "a restorable entry exists");
        select(robot, key("unified", "/idle"));
        assertEquals(Optional.of("the group has no processes"), feature.checkpointRefusal());
        assertEquals("Checkpoint\u2026  (the group has no processes)", menuItem("menu-checkpoint").getText());
        select(robot, key("unified", "/"));
        assertTrue(feature.checkpointRefusal().orElseThrow().startsWith("the root group"));

        robot.interact(() -> menuItem("menu-checkpoints").fire());
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = (TabPane) window.scene().lookup("#detail-tabs");
        assertEquals("tab-checkpoints", tabs.getSelectionModel().getSelectedItem().getId());
        select(robot, key("unified", "/web/frontend"));
        robot.interact(() -> feature.pane().select(feature.pane().rows().get(0).id()));
        Fx.pulses(2);
        Fx.screenshot(window.scene(), "checkpoints-main-window-light");
        robot.interact(() -> window.applyTheme(Themes.Theme.DARK));
        Fx.pulses(2);
        Fx.screenshot(window.scene(), "checkpoints-main-window-dark");
    }
}
