package io.corral.app.console;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.GroupKey;
import io.corral.model.testing.FixtureHost;
import io.corral.styles.Themes.Theme;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.GroupRow;
import io.corral.views.testing.Screenshots;
import javafx.scene.control.TreeItem;
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
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real window, sampler and engine on a fixture host (a hybrid cgroupfs + /proc tree
 * in a temp directory): groups and processes change "behind the app's back" by editing files.
 */
@ExtendWith(ApplicationExtension.class)
class FixtureConsoleFxTest {
    private static final Duration INTERVAL = Duration.ofMillis(150);
    @TempDir
    static Path dir;
    private FixtureHost host;
    private ConsoleSession session;
    private ConsoleUnderTest console;
    private ConsoleState state;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        host = FixtureHost.hybrid(dir.resolve("h" + System.nanoTime()));
        host.cgroup("unified", "/web");
        host.cgroup("unified", "/web/frontend");
        host.cgroup("unified", "/web/backend", "memory.max", "67108864\n", "memory.current", "60817408\n");
        host.cgroup("unified", "/batch");
        host.cgroup("cpu", "/limited", "cpu.cfs_quota_us", "50000\n");
        host.cgroup("freezer", "/paused", "freezer.state", "FROZEN\n");
        host.process(1).command("init", "/sbin/init").write();
        host.process(4101).command("nginx", "nginx", "-g", "daemon off;").threads(4).in("unified", "/web/frontend")
                .in("cpu", "/limited").write();
        host.process(4102).command("nginx", "nginx: worker").in("unified", "/web/frontend").write();
        host.process(4201).command("java", "java", "-jar", "shop.jar").threads(31).in("unified", "/web/backend").write();
        host.process(4301).command("sleep", "sleep", "1000").state('S').in("freezer", "/paused").write();
        session = new ConsoleSession(host.fs(), new ProcFs(host.root()), INTERVAL, Optional.empty());
        console = ConsoleUnderTest.open(stage, session, host.root());
        state = console.state;
        window = console.window;
    }

    @AfterEach
    void stop() {
        console.close();
    }

    private static void await(String what, BooleanSupplier c) throws InterruptedException {
        ConsoleUnderTest.await(what, Duration.ofSeconds(120), c);
    }

    private static GroupKey key(String h, String p) {
        return new GroupKey(h, GroupPath.ofKernel(p));
    }

    @Test
    void aGroupCreatedBehindTheAppsBackAppearsWithinOneRefresh() throws Exception {
        await("first frame", () -> state.frame().isPresent());
        host.cgroup("unified", "/corral-test-behind");
        Instant after = Instant.now();
        await("a frame read after the mkdir", () -> state.frame()
                .map(f -> f.takenAt().minus(f.refreshDuration()).isAfter(after)).orElse(false));
        // The frame property is set before the views' listeners ran: look at the tree on the
        // FX thread, after the hand-over that set it.
        assertTrue(onFx(() -> window.tree().item(key("unified", "/corral-test-behind")).isPresent()));
        host.remove(host.mount("unified") + "/corral-test-behind");
        Instant removed = Instant.now();
        await("a frame read after the rmdir", () -> state.frame()
                .map(f -> f.takenAt().minus(f.refreshDuration()).isAfter(removed)).orElse(false));
        assertTrue(onFx(() -> window.tree().item(key("unified", "/corral-test-behind")).isEmpty()));
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(c).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void selectionAndExpansionSurviveAHundredRefreshes(FxRobot robot) throws Exception {
        await("first frame", () -> state.frame().isPresent());
        GroupKey backend = key("unified", "/web/backend");
        robot.interact(() -> state.selection().selectGroup(backend));
        await("backend selected", () -> window.tree().table().getSelectionModel().getSelectedItem() != null
                && window.tree().table().getSelectionModel().getSelectedItem().getValue().key().equals(backend));
        TreeItem<GroupRow> item = onFx(() -> window.tree().item(backend).orElseThrow());
        TreeItem<GroupRow> web = onFx(() -> window.tree().item(key("unified", "/web")).orElseThrow());
        long start = state.publishedCount();
        for (int i = 0; i < 100; i++) {
            host.file(host.mount("unified") + "/web/backend/memory.current", (60817408 + i * 4096L) + "\n");
            if (i % 20 == 0) {
                host.cgroup("unified", "/churn-" + i);
            }
            long seen = state.publishedCount();
            await("refresh " + i, () -> state.publishedCount() > seen);
        }
        assertTrue(state.publishedCount() - start >= 100);
        assertSame(item, onFx(() -> window.tree().table().getSelectionModel().getSelectedItem()));
        assertSame(item, onFx(() -> window.tree().item(backend).orElseThrow()));
        assertTrue(onFx(web::isExpanded));
        assertEquals(Optional.of(backend), state.selection().group());
    }

    @Test
    void screenshotsOfTheMainScreens(FxRobot robot) throws Exception {
        await("a frame with rates (the first ones come in phases)", () -> state.frame().map(f -> f.hasRates()).orElse(false));
        robot.interact(() -> state.selection().selectGroup(key("unified", "/web/frontend")));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(500);
        Screenshots.save(window.scene(), "fixture-main-light");
        robot.clickOn("#tab-charts");
        Thread.sleep(600);
        Screenshots.save(window.scene(), "fixture-charts-light");
        robot.interact(() -> window.applyTheme(Theme.DARK));
        robot.clickOn("#tab-limits");
        robot.interact(() -> state.selection().selectGroup(key("cpu", "/limited")));
        Thread.sleep(500);
        Screenshots.save(window.scene(), "fixture-limits-dark");
        robot.clickOn("#tab-charts");
        robot.interact(() -> state.selection().selectGroup(key("unified", "/web/backend")));
        Thread.sleep(600);
        Screenshots.save(window.scene(), "fixture-charts-dark");
        assertEquals(Theme.DARK, window.theme());
    }
}
