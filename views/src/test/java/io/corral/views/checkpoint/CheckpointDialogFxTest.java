package io.corral.views.checkpoint;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.model.proc.ProcFs;
import io.corral.model.testing.FixtureHost;
import io.corral.styles.Themes;
import io.corral.views.testing.Fx;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkpoint dialog's pre-flight on a fixture host (v1 hierarchies, processes described
 * in a fixture /proc): every check shown, one click enabled only when all is clear.
 */
@ExtendWith(ApplicationExtension.class)
class CheckpointDialogFxTest {
    static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path tmp;
    private FixtureHost host;
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private Stage stage;
    private CheckpointDialog dialog;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @BeforeEach
    void host() throws Exception {
        host = FixtureHost.legacy(tmp.resolve("host"));
        process(SELF, 1, SELF, "java", "freezer:/", 0);
        process(100, 50, 100, "parent", "freezer:/corral-test-p", 1000);
        process(101, 100, 100, "child", "freezer:/corral-test-p", 500);
        host.file("/proc/100/task/100/children", "101 ");
        group("freezer", 100, 101);
        group("cpu", 100, 101);
    }

    @AfterEach
    void close() {
        if (dialog != null) {
            Fx.run(() -> dialog.close());
        }
        worker.shutdownNow();
    }

    private void process(long pid, long ppid, long sid, String comm, String cgroupLine, long rssKb) {
        host.processEntry(pid, ppid, sid, comm, cgroupLine, rssKb);
    }

    private void group(String controller, long... pids) {
        StringBuilder sb = new StringBuilder();
        for (long p : pids) {
            sb.append(p).append('\n');
        }
        host.group("/sys/fs/cgroup/" + controller + "/corral-test-p", "cgroup.procs", sb.toString());
    }

    private CheckpointDialog open(CriuAvailability criu, Themes.Theme theme) throws Exception {
        CheckpointService service = new CheckpointService(host.fs(), new ProcFs(host.root()),
                new CheckpointService.Config(tmp.resolve("catalog"), Optional.empty(), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), Duration.ofSeconds(5)));
        dialog = Fx.call(() -> {
            CheckpointDialog d = new CheckpointDialog(service, criu, worker, GroupSpec.parse("/corral-test-p"));
            d.initOwner(stage);
            d.getDialogPane().getStylesheets().addAll(0, Themes.stylesheets(theme));
            d.show();
            return d;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog.preflight().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return dialog;
    }

    private boolean startDisabled() {
        return Fx.call(() -> dialog.getDialogPane().lookupButton(CheckpointDialog.START).isDisabled());
    }

    private String verdict(FxRobot robot) {
        return robot.lookup("#checkpoint-verdict").queryLabeled().getText();
    }

    @Test
    void aSingleTreeShowsEveryCheckPassedAndOneClickStarts(FxRobot robot) throws Exception {
        open(CriuAvailability.known(FixtureCatalog.AVAILABLE), Themes.Theme.LIGHT);
        List<String> checks = Fx.call(dialog::checkTexts);
        assertEquals(5, checks.size(), checks.toString());
        assertTrue(checks.get(0).startsWith("check-tree PASSED: 2 processes under PID 100"), checks.get(0));
        assertTrue(checks.get(1).startsWith("check-inside PASSED: neither Corral (PID " + SELF + ")"), checks.get(1));
        assertTrue(checks.get(2).startsWith("check-freezer PASSED: CRIU freezes freezer:/corral-test-p"), checks.get(2));
        assertTrue(checks.get(3).matches("check-disk PASSED: .* free in .*; the images need about \\d+\\.\\d\u00a0MiB"),
                checks.get(3));
        assertEquals("check-blockers PASSED: no established TCP, external unix stream sockets or io_uring",
                checks.get(4));
        assertFalse(startDisabled(), "all clear: the Checkpoint button is enabled");
        assertEquals("All clear: one click on Checkpoint starts the dump.", verdict(robot));
        Fx.screenshot(dialog.getDialogPane().getScene(), "checkpoint-dialog-light");
        robot.interact(() -> dialog.getDialogPane().getStylesheets().setAll(Themes.stylesheets(Themes.Theme.DARK)));
        robot.interact(() -> dialog.getDialogPane().getStylesheets().add(
                CheckpointsPane.class.getResource("checkpoint.css").toExternalForm()));
        Fx.pulses(2);
        Fx.screenshot(dialog.getDialogPane().getScene(), "checkpoint-dialog-dark");
    }

    @Test
    void anEstablishedTcpConnectionBlocksUntilTheUserChoosesToDumpIt(FxRobot robot) throws Exception {
        Files.createSymbolicLink(host.path("/proc/101/fd/3"), Path.of("socket:[5555]"));
        host.file("/proc/101/net/tcp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 5555 1 0 20 4 30 10 -1\n");
        host.file("/proc/100/net/tcp", Files.readString(host.path("/proc/101/net/tcp")));
        open(CriuAvailability.known(FixtureCatalog.AVAILABLE), Themes.Theme.LIGHT);
        String blockers = Fx.call(dialog::checkTexts).get(4);
        assertTrue(blockers.startsWith("check-blockers BLOCKS: established TCP connection in PID 101"), blockers);
        assertTrue(startDisabled());
        assertTrue(verdict(robot).startsWith("Cannot checkpoint: established TCP connection in PID 101"), verdict(robot));
        robot.clickOn("#opt-tcp-established");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#opt-tcp-established").queryAs(CheckBox.class).isSelected());
        assertTrue(Fx.call(dialog::checkTexts).get(4).startsWith("check-blockers WARNING: dumped as chosen"));
        assertFalse(startDisabled(), "with --tcp-established chosen the dump can start");
        assertTrue(dialog.options().tcpEstablished());
    }

    @Test
    void twoProcessTreesBlockWithTheirRoots(FxRobot robot) throws Exception {
        process(200, 1, 200, "other", "freezer:/corral-test-p", 10);
        group("freezer", 100, 101, 200);
        group("cpu", 100, 101, 200);
        open(CriuAvailability.known(FixtureCatalog.AVAILABLE), Themes.Theme.LIGHT);
        String tree = Fx.call(dialog::checkTexts).get(0);
        assertEquals("check-tree BLOCKS: the group's processes form 2 trees (roots [100, 200]); CRIU dumps one tree: "
                + "move the others out", tree);
        assertTrue(startDisabled());
    }

    @Test
    void aSessionLeaderOutsideTheTreeIsSaidAndTheWindowGrowsToKeepItsButtonsInSight(FxRobot robot) throws Exception {
        process(100, 50, 50, "parent", "freezer:/corral-test-p", 1000);
        host.file("/proc/100/task/100/children", "");
        group("freezer", 100);
        group("cpu", 100);
        open(CriuAvailability.known(FixtureCatalog.AVAILABLE), Themes.Theme.LIGHT);
        List<String> checks = Fx.call(dialog::checkTexts);
        assertTrue(checks.stream().anyMatch(c -> c.contains("session leader 50 of 100 is outside the tree")),
                checks.toString());
        assertTrue(checks.get(0).startsWith("check-tree PASSED: 1 process under PID 100 ("), checks.get(0));
        assertTrue(startDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        double bottom = Fx.call(() -> dialog.getDialogPane().lookupButton(ButtonType.CLOSE)
                .localToScene(dialog.getDialogPane().lookupButton(ButtonType.CLOSE).getLayoutBounds()).getMaxY());
        double height = Fx.call(() -> dialog.getDialogPane().getScene().getHeight());
        assertTrue(bottom <= height, "Close at y " + bottom + " of a window " + height + " high");
        Fx.screenshot(dialog.getDialogPane().getScene(), "checkpoint-dialog-leader-outside");
    }

    @Test
    void unavailableCriuDisablesTheStartWithTheSelfTestsReason(FxRobot robot) throws Exception {
        open(CriuAvailability.known(FixtureCatalog.UNAVAILABLE), Themes.Theme.LIGHT);
        assertTrue(Fx.call(dialog::checkTexts).get(0).startsWith("check-tree PASSED"), "the pre-flight still runs");
        assertTrue(startDisabled());
        assertTrue(verdict(robot).startsWith("Cannot checkpoint: CRIU unavailable: criu check"), verdict(robot));
        assertEquals(ButtonType.CLOSE, dialog.getDialogPane().getButtonTypes().get(1));
    }
}
