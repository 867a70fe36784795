package io.corral.views.checkpoint;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.checkpoint.CheckpointService;
import io.corral.model.checkpoint.CriuStatus;
import io.corral.model.checkpoint.Workload;
import io.corral.model.testing.LiveCgroups;
import io.corral.styles.Themes;
import io.corral.views.testing.Fx;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The new user's path on the live kernel: a workload launched like {@code corral launch --ns
 * pid,mnt} into {@code corral-test-*} freezer and cpu groups; click Checkpoint in the dialog,
 * the entry appears in the pane and the group empties; click Restore, and the workload counts
 * on. Skipped, with the self-test's reason printed, where CRIU cannot work.
 */
@ExtendWith({LiveCgroups.class, ApplicationExtension.class})
class CheckpointLiveFxTest {
    static final Path FREEZER = LiveCgroups.CGROUP_ROOT.resolve("freezer");
    static final Path CPU = LiveCgroups.CGROUP_ROOT.resolve("cpu");

    @TempDir
    Path tmp;
    private final ExecutorService worker = Executors.newFixedThreadPool(2);
    private Stage stage;
    private CheckpointService service;
    private CriuStatus status;
    private Path bin;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void requireCriu() throws Exception {
        LiveCgroups.assumeLiveKernel();
        LiveCgroups.assumeHierarchy(FREEZER);
        LiveCgroups.assumeHierarchy(CPU);
        service = CheckpointService.live(CheckpointService.Config.fromEnvironment(Map.of())
                .withCatalogRoot(tmp.resolve("catalog")));
        status = service.criuStatus();
        if (!status.available()) {
            System.out.println("SKIPPED CRIU console test: " + status.reason());
        }
        Assumptions.assumeTrue(status.available(), "CRIU self-test: " + status.reason());
        bin = Workload.compile(Files.createDirectories(tmp.resolve("bin")));
    }

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void clickCheckpointThenRestoreAndTheWorkloadContinues(FxRobot robot, LiveCgroups live) throws Exception {
        String name = LiveCgroups.newName();
        Path freezer = live.mkdir(FREEZER, name);
        Path cpu = live.mkdir(CPU, name);
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "50000");
        Workload w = Workload.launch(live, bin, tmp.resolve("w"), 2, true, List.of(freezer, cpu));

        CriuAvailability criu = Fx.call(() -> CriuAvailability.known(status));
        AtomicReference<RestoreDialog> restoreDialog = new AtomicReference<>();
        CheckpointsPane pane = Fx.call(() -> {
            CheckpointsPane p = new CheckpointsPane(service, criu, worker, () -> stage);
            p.getStylesheets().add(CheckpointsPane.class.getResource("checkpoint.css").toExternalForm());
            p.setOnRestore(r -> {
                RestoreDialog d = new RestoreDialog(service, criu, worker, List.copyOf(p.rows()),
                        Optional.of(GroupPath.ofKernel("/" + name)), Optional.of(r.id()));
                d.initOwner(stage);
                d.getDialogPane().getStylesheets().addAll(0, Themes.stylesheets(Themes.Theme.LIGHT));
                d.setOnRestored(x -> p.refresh());
                restoreDialog.set(d);
                d.show();
            });
            Scene scene = new Scene(p, 1000, 500);
            scene.getStylesheets().setAll(Themes.stylesheets(Themes.Theme.LIGHT));
            stage.setScene(scene);
            stage.show();
            p.refresh();
            return p;
        });

        CheckpointDialog dialog = Fx.call(() -> {
            CheckpointDialog d = new CheckpointDialog(service, criu, worker, GroupSpec.parse("/" + name));
            d.initOwner(stage);
            d.getDialogPane().getStylesheets().addAll(0, Themes.stylesheets(Themes.Theme.LIGHT));
            d.setOnCheckpointed(r -> pane.refresh());
            d.show();
            return d;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> dialog.preflight().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), dialog.preflight().orElseThrow().reasons(dialog.options()), dialog.checkTexts().toString());
        assertTrue(dialog.checkTexts().get(0).contains("own pid namespace"), dialog.checkTexts().get(0));
        robot.clickOn("#opt-label").write("before the test restores it");
        long t0 = System.nanoTime();
        robot.clickOn("#checkpoint-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> pane.rows().size() == 1);
        long clickToListed = (System.nanoTime() - t0) / 1_000_000;
        WaitForAsyncUtils.waitForFxEvents();
        String verdict = robot.lookup("#checkpoint-verdict").queryLabeled().getText();
        assertTrue(verdict.startsWith("Checkpoint " + pane.rows().get(0).id() + " written"), verdict);
        assertTrue(robot.lookup("#checkpoint-progress-text").queryLabeled().getText().startsWith("Done"),
                robot.lookup("#checkpoint-progress-text").queryLabeled().getText());
        assertEquals(List.of(), Workload.procs(freezer), "the group is empty after the checkpoint");
        long atDump = w.counter("parent");
        CheckpointRow row = pane.rows().get(0);
        assertEquals("ok", row.state());
        assertEquals("before the test restores it", row.label());
        assertEquals(4, row.processes().orElseThrow());
        Fx.screenshot(dialog.getDialogPane().getScene(), "checkpoint-dialog-live-done");
        robot.interact(dialog::close);

        robot.interact(() -> pane.select(row.id()));
        robot.clickOn("#checkpoint-restore");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> restoreDialog.get() != null);
        RestoreDialog rd = restoreDialog.get();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !Fx.call(() -> rd.getDialogPane().lookupButton(RestoreDialog.START).isDisabled()));
        String pre = robot.lookup("#restore-precheck").queryLabeled().getText();
        assertTrue(pre.contains("own pid namespace"), pre);
        Fx.screenshot(rd.getDialogPane().getScene(), "restore-dialog-light");
        long t1 = System.nanoTime();
        robot.clickOn("#restore-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Fx.call(() -> {
            String v = ((javafx.scene.control.Label) rd.getDialogPane().lookup("#restore-verdict")).getText();
            return v.startsWith("Restored") || v.startsWith("The restore failed") || v.startsWith("Cancelled");
        }));
        long clickToRestored = (System.nanoTime() - t1) / 1_000_000;
        String rv = robot.lookup("#restore-verdict").queryLabeled().getText();
        assertTrue(rv.startsWith("Restored " + row.id() + ": 4 processes running"), rv + "\n"
                + robot.lookup("#restore-failure").queryAs(javafx.scene.control.TextArea.class).getText());
        assertEquals(4, Workload.procs(freezer).size(), "the restored tree is in the group");
        assertEquals("50000", Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim());
        long after = w.counterAbove("parent", atDump);
        assertTrue(after > atDump, "the counter continues from " + atDump + ": " + after);
        assertTrue(w.ask() > atDump, "the listening socket answers");
        assertFalse(Files.exists(service.catalog().root().resolve(".trash").resolve(row.id())));
        assertTrue(service.catalog().verify(row.id()).restorable(), "restore leaves the entry intact");
        Fx.screenshot(rd.getDialogPane().getScene(), "restore-dialog-live-done");
        robot.interact(rd::close);
        System.out.printf("Console CRIU numbers: click-to-listed %d ms (dump %d ms), %s of images; click-to-restored %d ms%n",
                clickToListed, row.dumpMillis().orElse(-1L), CheckpointsPane.bytes(row.imageBytes().orElse(0L)),
                clickToRestored);
    }
}
