package io.corral.views.charts;

import io.corral.styles.Themes;
import io.corral.views.testing.Fx;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class GroupChartsViewTest {
    private GroupChartsView view;
    private Scene scene;

    @Start
    void start(Stage stage) {
        view = new GroupChartsView(600, 64);
        scene = new Scene(view, 1200, 430);
        scene.getStylesheets().setAll(Themes.stylesheets(Themes.Theme.LIGHT));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theChartReceivesAPointEveryTick() {
        Fx.run(() -> view.select(Optional.of("g1"), "/corral-test-a"));
        for (int t = 1; t <= 5; t++) {
            int tick = t;
            Fx.run(() -> view.accept(List.of(SyntheticTicks.busy("g1", tick), SyntheticTicks.plain("g2", tick))));
            Fx.pulses(1);
            assertEquals(tick, Fx.call(() -> view.cpuChart().pointsDrawn()), "points drawn after tick " + tick);
            assertEquals(tick, Fx.call(() -> view.memoryChart().pointsDrawn()));
            assertEquals(2 * tick, Fx.call(() -> view.ioChart().pointsDrawn()), "read and write");
        }
    }

    @Test
    void theQuotaLineMovesWhenTheQuotaChangesAndGoesWhenUnlimited() {
        Fx.run(() -> view.select(Optional.of("g1"), "/corral-test-a"));
        feed(1, 30, 150);
        double before = Fx.call(() -> view.cpuChart().limitLineY("quota")).orElseThrow();
        feed(31, 31, 60);
        double after = Fx.call(() -> view.cpuChart().limitLineY("quota")).orElseThrow();
        assertNotEquals(before, after, "limit line moved");
        assertEquals(60, Fx.call(() -> view.cpuChart().limits().get(0).value()));
        feed(32, 32, -1);
        assertFalse(Fx.call(() -> view.cpuChart().limitLineY("quota")).isPresent());
    }

    @Test
    void counterIncrementsBecomeMarkersAndResetsDoNot() {
        GroupHistory h = new GroupHistory("g", 60);
        long[] throttled = {5, 5, 7, 7, 2, 3};
        for (int t = 0; t < throttled.length; t++) {
            h.add(new GroupTick("g", t, new GroupTick.Cpu(10, OptionalDouble.empty(), OptionalLong.of(throttled[t])),
                    GroupTick.Memory.NONE, GroupTick.Io.NONE, GroupTick.Pids.NONE, GroupTick.Pressure.NONE));
        }
        assertEquals(2, h.cpuEvents().size(), "5->7 and 2->3 (7->2 is a reset)");
        assertEquals(2, h.cpuEvents().time(0));
        assertEquals(5, h.cpuEvents().time(1));
        assertFalse(h.hasPressure());
    }

    @Test
    void keepsAHistoryPerGroupIdentityAndForgetsGroupsThatWent() {
        Fx.run(() -> view.select(Optional.of("g1"), "/a"));
        Fx.run(() -> view.accept(List.of(SyntheticTicks.busy("g1", 1), SyntheticTicks.plain("g2", 1))));
        Fx.run(() -> view.accept(List.of(SyntheticTicks.busy("g1", 2), SyntheticTicks.plain("g2", 2))));
        assertEquals(2, Fx.call(() -> view.historyOf("g2").orElseThrow().samples().size()));
        Fx.run(() -> view.accept(List.of(SyntheticTicks.busy("g1", 3))));
        assertTrue(Fx.call(() -> view.historyOf("g2")).isEmpty(), "g2 removed from the host");
        Fx.run(() -> view.accept(List.of(SyntheticTicks.busy("g1", 4), SyntheticTicks.plain("g2", 4))));
        assertEquals(1, Fx.call(() -> view.historyOf("g2").orElseThrow().samples().size()), "a new group g2");
    }

    @Test
    void pastTheCapGroupsKeepTheirHistoriesAndOnlyTheSelectedOneDisplacesTheOldest() {
        // The view holds 64 histories; a host with 100 groups must not replace them every tick.
        List<GroupTick> tick1 = new java.util.ArrayList<>();
        List<GroupTick> tick2 = new java.util.ArrayList<>();
        for (int g = 0; g < 100; g++) {
            tick1.add(SyntheticTicks.plain("h" + g, 1));
            tick2.add(SyntheticTicks.plain("h" + g, 2));
        }
        Fx.run(() -> view.accept(tick1));
        Fx.run(() -> view.accept(tick2));
        assertEquals(64, Fx.call(() -> view.historyCount()));
        assertEquals(2, Fx.call(() -> view.historyOf("h0").orElseThrow().samples().size()), "kept across ticks");
        assertTrue(Fx.call(() -> view.historyOf("h99")).isEmpty(), "no room for h99");
        Fx.run(() -> view.select(Optional.of("h99"), "/h99"));
        Fx.run(() -> view.accept(List.of(SyntheticTicks.plain("h99", 3), SyntheticTicks.plain("h1", 3))));
        assertEquals(1, Fx.call(() -> view.historyOf("h99").orElseThrow().samples().size()), "the selected group");
        assertEquals(3, Fx.call(() -> view.historyOf("h1").orElseThrow().samples().size()));
    }

    @Test
    void pressureIsChartedOnlyWhereTheKernelProvidesIt() {
        Fx.run(() -> view.select(Optional.of("g2"), "/plain"));
        Fx.run(() -> view.accept(List.of(SyntheticTicks.plain("g2", 1))));
        Fx.pulses(1);
        assertTrue(Fx.call(() -> view.pressureChart().getParent() == null), "no PSI: no pressure chart");
        Fx.run(() -> view.select(Optional.of("g1"), "/busy"));
        Fx.run(() -> view.accept(List.of(SyntheticTicks.busy("g1", 2), SyntheticTicks.plain("g2", 2))));
        Fx.pulses(1);
        assertTrue(Fx.call(() -> view.pressureChart().getParent() != null));
    }

    @Test
    void screenshotsLightAndDark() {
        Fx.run(() -> view.select(Optional.of("g1"), "/corral-test-web  (cpu,cpuacct · memory · pids)"));
        Fx.run(() -> {
            for (int t = 1; t <= 400; t++) {
                view.accept(List.of(SyntheticTicks.busy("g1", t)));
            }
        });
        Fx.pulses(3);
        Fx.screenshot(scene, "charts-light");
        Fx.run(() -> scene.getStylesheets().setAll(Themes.stylesheets(Themes.Theme.DARK)));
        Fx.pulses(3);
        Fx.screenshot(scene, "charts-dark");
    }

    /** Ticks from..to for g1 with the given quota (percent; negative = unlimited). */
    private void feed(int from, int to, double quota) {
        Fx.run(() -> {
            for (int t = from; t <= to; t++) {
                GroupTick b = SyntheticTicks.busy("g1", t);
                view.accept(List.of(new GroupTick("g1", t, new GroupTick.Cpu(b.cpu().percent(),
                        quota < 0 ? OptionalDouble.empty() : OptionalDouble.of(quota), b.cpu().nrThrottled()),
                        b.memory(), b.io(), b.pids(), b.pressure())));
            }
        });
        Fx.pulses(2);
    }

    @Test
    void framesFeedTheKeptGroupsTheSelectedOneAndNewOnesOnlyWhileThereIsRoom(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var reader = io.corral.model.testing.Golden.reader(io.corral.model.testing.FixtureScenes.unified(dir).root());
        var frames = new io.corral.views.state.SnapshotFrames(java.time.Duration.ofSeconds(1),
                io.corral.views.state.Privileges.asRoot());
        GroupChartsView two = Fx.call(() -> new GroupChartsView(600, 2));
        var f1 = frames.next(reader.read(), java.time.Duration.ZERO);
        Fx.run(() -> two.accept(f1));
        assertEquals(2, Fx.call(two::historyCount), "the first two groups of the frame");
        var web = io.corral.model.cgroup.GroupPath.ofKernel("/web");
        String webId = GroupTicks.identity(f1, web).orElseThrow();
        assertTrue(Fx.call(() -> two.historyOf(webId)).isEmpty(), "/web is not among the first two");
        Fx.run(() -> two.selectPath(java.util.Optional.of(web)));
        var f2 = frames.next(reader.read(), java.time.Duration.ZERO);
        Fx.run(() -> two.accept(f2));
        assertEquals(1, Fx.call(() -> two.historyOf(webId).orElseThrow().samples().size()),
                "the selected group gets its history past the limit");
        assertEquals(2, Fx.call(two::historyCount), "the selected one displaced the oldest");
        String second = GroupTicks.identity(f2, GroupTicks.firstPaths(f2, java.util.Set.of(), 2).get(1)).orElseThrow();
        assertEquals(2, Fx.call(() -> two.historyOf(second).orElseThrow().samples().size()), "a kept group ticks on");
    }
}
