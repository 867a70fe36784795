package io.corral.views.limits;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.command.CommandEngine;
import io.corral.model.command.GroupRef;
import io.corral.model.host.HardwareReader;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.sample.HostSnapshot;
import io.corral.model.sample.Rates;
import io.corral.model.sample.SnapshotReader;
import io.corral.model.testing.FakeTasks;
import io.corral.model.testing.LiveCgroups;
import io.corral.styles.Themes;
import io.corral.views.charts.GroupChartsView;
import io.corral.views.testing.Fx;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * On the live kernel: dragging the CPU-quota slider of a corral-test-* group writes its
 * quota file (v1 cpu.cfs_quota_us on hybrid hosts, cpu.max on cgroup2) through the command
 * engine, and the live chart's quota line appears and moves with the next snapshots.
 */
@ExtendWith({ApplicationExtension.class, LiveCgroups.class})
class LimitsLiveTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void draggingTheQuotaSliderWritesTheKernelFileAndMovesTheChartLine(LiveCgroups live, FxRobot robot)
            throws Exception {
        LiveCgroups.assumeLiveKernel();
        Path mount = LiveCgroups.CGROUP_ROOT.resolve("cpu");
        String quotaFile = "cpu.cfs_quota_us";
        if (!Files.exists(mount.resolve("cpu.cfs_quota_us"))) {
            mount = LiveCgroups.CGROUP_ROOT;
            quotaFile = "cpu.max";
            boolean cpuForChildren = Files.exists(mount.resolve("cgroup.subtree_control"))
                    && Files.readString(mount.resolve("cgroup.subtree_control")).contains("cpu");
            if (!cpuForChildren) {
                System.out.println("SKIPPED live-kernel test: no v1 cpu hierarchy and cgroup2 does not enable cpu");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(cpuForChildren, "no cpu controller for child groups");
        }
        String name = LiveCgroups.newName();
        Path group = live.mkdir(mount, name);
        GroupPath path = GroupPath.ofKernel("/" + name);
        SnapshotReader reader = SnapshotReader.onRoot(Path.of("/"));
        Optional<GroupSpec> scope = Optional.of(GroupSpec.parse("/" + name));
        HostSnapshot before = reader.read(scope, false);

        CgroupFs fs = CgroupFs.live();
        try (CommandEngine engine = new CommandEngine(fs, new FakeTasks(), Optional.empty(),
                CommandEngine.Mode.WRITER_THREAD)) {
            EngineLimitSubmitter engineSubmitter = new EngineLimitSubmitter(engine::submit,
                    key -> before.hierarchy(key.hierarchyId()).map(t -> new GroupRef(t.hierarchy(), key.path())));
            java.util.List<Object> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
            LimitSubmitter submitter = (g, s) -> {
                calls.add(s);
                return engineSubmitter.submit(g, s);
            };
            var hardware = new HardwareReader(Path.of("/")).read();
            LimitsEditorModel model = new LimitsEditorModel(submitter, Platform::runLater);
            LimitsEditor editor = Fx.call(() -> new LimitsEditor(model));
            GroupChartsView charts = Fx.call(GroupChartsView::new);
            Fx.run(() -> {
                model.setInput(LimitsInputs.from(before, path, OptionalDouble.empty(), hardware));
                charts.accept(before, Rates.between(before, before));
                charts.selectPath(Optional.of(path));
                Scene scene = new Scene(new SplitPane(editor, charts), 1200, 700);
                scene.getStylesheets().setAll(Themes.stylesheets(Themes.Theme.LIGHT));
                stage.setScene(scene);
                stage.show();
            });
            Fx.pulses(2);
            assertFalse(Fx.call(() -> charts.cpuChart().limitLineY("quota")).isPresent(), "unlimited at first");

            CpuQuotaRow row = Fx.call(() -> (CpuQuotaRow) editor.row(Knob.CPU_QUOTA));
            Fx.run(() -> row.unlimitedToggle().setSelected(false));
            waitFor(() -> calls.size() == 1);
            Node thumb = Fx.call(() -> row.slider().lookup(".thumb"));
            robot.drag(thumb).moveBy(-30, 0).moveBy(-30, 0).drop();
            waitFor(() -> calls.size() == 2);
            WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
            assertEquals(2, calls.size(), "one SetLimits for the toggle, one for the drag");

            LimitValue.CpuQuota asked = (LimitValue.CpuQuota) ((java.util.List<?>) calls.get(1)).stream()
                    .map(s -> ((io.corral.model.limit.Setting) s).value()).findFirst().orElseThrow();
            String file = quotaFile;
            waitFor(() -> Files.readString(group.resolve(file)).strip().startsWith(Long.toString(asked.quotaUsec())));
            System.out.println("live: slider wrote " + group.resolve(quotaFile) + " = "
                    + Files.readString(group.resolve(quotaFile)).strip());
            waitFor(() -> Fx.call(() -> model.statuses().get(Knob.CPU_QUOTA)) != null
                    && Fx.call(() -> model.statuses().get(Knob.CPU_QUOTA).kind()) == KnobStatus.Kind.APPLIED);

            HostSnapshot after = reader.read(scope, false);
            Fx.run(() -> charts.accept(after, Rates.between(before, after)));
            Fx.pulses(2);
            double y1 = Fx.call(() -> charts.cpuChart().limitLineY("quota")).orElseThrow();
            assertEquals(100.0 * asked.quotaUsec() / asked.periodUsec(),
                    Fx.call(() -> charts.cpuChart().limits().get(0).value()), 0.01);
            assertDrawnAt(charts, 100.0 * asked.quotaUsec() / asked.periodUsec(), y1);

            Fx.run(() -> row.slider().setValue(asked.quotaUsec() / 100_000.0 / 2));
            waitFor(() -> calls.size() == 3);
            LimitValue.CpuQuota second = (LimitValue.CpuQuota) ((io.corral.model.limit.Setting)
                    ((java.util.List<?>) calls.get(2)).get(0)).value();
            waitFor(() -> Files.readString(group.resolve(file)).strip().startsWith(Long.toString(second.quotaUsec())));
            HostSnapshot third = reader.read(scope, false);
            Fx.run(() -> charts.accept(third, Rates.between(after, third)));
            Fx.pulses(2);
            double y2 = Fx.call(() -> charts.cpuChart().limitLineY("quota")).orElseThrow();
            // An idle group has no CPU use to anchor the axis, so the axis follows the quota: the line
            // is redrawn at the new value (the pixel row may be the same).
            assertDrawnAt(charts, 100.0 * second.quotaUsec() / second.periodUsec(), y2);
            assertNotEquals(asked, second);
            Fx.screenshot(stage.getScene(), "live-limits-and-charts");
        }
    }

    private static void assertDrawnAt(GroupChartsView charts, double percent, double y) {
        double perPixel = Fx.call(() -> charts.cpuChart().valueAtY(0) - charts.cpuChart().valueAtY(1));
        assertEquals(percent, Fx.call(() -> charts.cpuChart().valueAtY(y)), 1.5 * perPixel,
                "quota line drawn at " + percent + " %");
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check c) {
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
                try {
                    return c.ok();
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 5 s", e);
        }
    }
}
