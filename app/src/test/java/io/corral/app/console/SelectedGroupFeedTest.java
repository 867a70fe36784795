package io.corral.app.console;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.sample.SnapshotReader;
import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import io.corral.styles.Themes;
import io.corral.views.group.GroupPanels;
import io.corral.views.limits.LimitsInput;
import io.corral.views.limits.LimitsOutcome;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feed behind the Limits and Charts tabs, on a hybrid fixture host (as on our machines). */
@ExtendWith(ApplicationExtension.class)
class SelectedGroupFeedTest {
    @TempDir
    static Path tmp;
    private GroupPanels panels;
    private SelectedGroupFeed feed;

    @Start
    void start(Stage stage) {
        FixtureHost host = FixtureScenes.hybrid(tmp.resolve("host"));
        panels = new GroupPanels((g, s) -> CompletableFuture.completedFuture(LimitsOutcome.rejected(s, "test")));
        feed = new SelectedGroupFeed(host.fs(), SnapshotReader.onRoot(host.root()), panels);
        Scene scene = new Scene(new SplitPane(panels.editor(), panels.charts()), 1200, 700);
        scene.getStylesheets().setAll(Themes.stylesheets(Themes.Theme.LIGHT));
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        feed.close();
    }

    @Test
    void theSelectedGroupsLimitsAndChartsFollowTheFeed() throws Exception {
        feed.start(Duration.ofMillis(100));
        feed.select(Optional.of(GroupPath.ofKernel("/web")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> panels.model().inputProperty().get() != null
                && panels.charts().ticks() >= 3);
        LimitsInput in = WaitForAsyncUtils.asyncFx(() -> panels.model().inputProperty().get()).get();
        assertEquals("/web", in.displayName());
        assertEquals(new LimitValue.CpuQuota(50_000, 100_000), in.knob(Knob.CPU_QUOTA).orElseThrow().value().orElseThrow());
        assertEquals("memory", in.knob(Knob.MEMORY_MAX).orElseThrow().target().hierarchyId());
        assertEquals(50.0, WaitForAsyncUtils.asyncFx(() -> panels.charts().cpuChart().limits().get(0).value()).get(),
                "the quota line at 0.5 core");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> panels.charts().pidsChart().pointsDrawn()).get() >= 1);

        feed.select(Optional.of(GroupPath.ofKernel("/web/api")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "/web/api".equals(
                panels.model().inputProperty().get().displayName()));
        LimitsInput api = WaitForAsyncUtils.asyncFx(() -> panels.model().inputProperty().get()).get();
        assertEquals(new LimitValue.CpuQuota(25_000, 50_000), api.knob(Knob.CPU_QUOTA).orElseThrow().value().orElseThrow());
    }
}
