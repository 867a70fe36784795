package io.corral.views.tree;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.sample.GroupKey;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import io.corral.views.testing.FakeHost;
import io.corral.views.testing.TestPrefs;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark, not a timed test: the FX-thread cost of one refresh with 2000 groups, all
 * expanded (worst case for the tree), printed as median / p95 / max. "apply" is publishing
 * the frame (reconcile tree items + task table); "to layout" runs from there to the end of
 * the pulse's layout (CSS + layout of the visible rows). Rendering runs on the render thread.
 */
@ExtendWith(ApplicationExtension.class)
class TreePulseBenchmark {
    private static final int PARENTS = 40;
    private static final int CHILDREN = 49;
    private final FakeHost host = new FakeHost();
    private final List<Long> apply = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> toLayout = Collections.synchronizedList(new ArrayList<>());
    private volatile long publishStart;
    private ConsoleState state;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        for (int p = 0; p < PARENTS; p++) {
            for (int c = 0; c < CHILDREN; c++) {
                host.group(new GroupKey("unified", GroupPath.ofKernel("/p" + p + "/c" + c))).cpu = c;
            }
        }
        state = new ConsoleState(r -> Platform.runLater(() -> {
            long t0 = System.nanoTime();
            r.run();
            apply.add(System.nanoTime() - t0);
            publishStart = t0;
        }));
        window = new MainWindow(stage, state, host, TestPrefs.fresh());
        window.scene().addPostLayoutPulseListener(() -> {
            long s = publishStart;
            if (s != 0) {
                toLayout.add(System.nanoTime() - s);
                publishStart = 0;
            }
        });
        window.show();
        state.offer(host.frame());
    }

    @Test
    void refreshWithTwoThousandGroupsExpanded(FxRobot robot) throws InterruptedException {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.tree().table().getRoot().getChildren().forEach(h -> expandAll(h)));
        assertEquals(2000 + 3, state.frame().orElseThrow().groupCount(), "2000 unified groups and 3 hierarchy roots");
        apply.clear();
        toLayout.clear();
        for (int i = 0; i < 60; i++) {
            int n = i;
            robot.interact(() -> {
                host.group(new GroupKey("unified", GroupPath.ofKernel("/p" + (n % PARENTS) + "/c0"))).cpu = n;
                state.offer(host.frame());
            });
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(20);
        }
        System.out.printf(Locale.ROOT, "BENCHMARK tree refresh, %d groups expanded: apply %s; publish-to-layout %s; load average %s%n",
                state.frame().orElseThrow().groupCount(), stats(apply), stats(toLayout), loadAverage());
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void expandAll(javafx.scene.control.TreeItem<?> i) {
        i.setExpanded(true);
        i.getChildren().forEach(TreePulseBenchmark::expandAll);
    }

    private static String stats(List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        if (s.isEmpty()) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "median %.2f ms, p95 %.2f ms, max %.2f ms (n=%d)",
                s.get(s.size() / 2) / 1e6, s.get((int) (s.size() * 0.95)) / 1e6, s.get(s.size() - 1) / 1e6, s.size());
    }
}
