package io.corral.app.console;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.GroupKey;
import io.corral.model.testing.LiveCgroups;
import io.corral.views.shell.MainWindow;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.GroupRow;
import io.corral.views.testing.TestPrefs;
import javafx.scene.Node;
import javafx.scene.control.TreeTableRow;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real window over a live session (root), for tests that drive it on corral-test-*
 * groups: waiting for the kernel or the screen, keys of groups by directory, tree rows.
 */
final class LiveWindow implements AutoCloseable {
    final ConsoleSession session;
    final ConsoleState state;
    final MainWindow window;
    final List<Hierarchy> hierarchies;

    private LiveWindow(Stage stage, Duration interval,
                       java.util.function.UnaryOperator<io.corral.views.actions.GroupActions> actions) throws Exception {
        session = new ConsoleSession(CgroupFs.live(), ProcFs.live(), interval, Optional.empty());
        state = session.state();
        window = new MainWindow(stage, state, actions.apply(session.actions()), TestPrefs.fresh());
        window.show();
        hierarchies = new HierarchyDiscovery(CgroupFs.live()).discover();
        session.start();
    }

    /** Opens the window when running as root (null otherwise: the tests skip). */
    static LiveWindow open(Stage stage, Duration interval) throws Exception {
        return open(stage, interval, a -> a);
    }

    /** @param actions wraps the session's actions (e.g. to watch a batch on the engine's thread) */
    static LiveWindow open(Stage stage, Duration interval,
                           java.util.function.UnaryOperator<io.corral.views.actions.GroupActions> actions)
            throws Exception {
        return "root".equals(System.getProperty("user.name")) ? new LiveWindow(stage, interval, actions) : null;
    }

    /** The mount of a hierarchy ("unified" for cgroup2, or a v1 controller); skips with the reason when absent. */
    Path mount(String what) {
        LiveCgroups.assumeLiveKernel();
        Optional<Hierarchy> h = hierarchy(what);
        if (h.isEmpty()) {
            System.out.println("SKIPPED live window test: no " + what + " hierarchy mounted");
        }
        assumeTrue(h.isPresent(), "no " + what + " hierarchy");
        return Path.of(h.get().mount());
    }

    private Optional<Hierarchy> hierarchy(String what) {
        return hierarchies.stream().filter(h -> what.equals("unified") ? h.isV2() : !h.isV2() && h.has(what))
                .findFirst();
    }

    GroupKey key(String what, Path dir) {
        Hierarchy h = hierarchy(what).orElseThrow();
        return new GroupKey(h.id(), GroupPath.ofKernel("/" + Path.of(h.mount()).relativize(dir)));
    }

    Optional<GroupRow> row(GroupKey k) {
        return state.frame().flatMap(f -> f.group(k));
    }

    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "timed out waiting for " + what + " (notification: "
                    + window.notifications().titleText() + " / " + window.notifications().detailText() + ")");
            Thread.sleep(20);
            WaitForAsyncUtils.waitForFxEvents();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Selects a group once the frame has it (and the window's actions follow the selection). */
    void select(FxRobot robot, GroupKey k) throws InterruptedException {
        await(k + " on screen", () -> row(k).isPresent());
        robot.interact(() -> state.selection().selectGroup(k));
        WaitForAsyncUtils.waitForFxEvents();
    }

    Node treeRow(FxRobot robot, GroupKey k) {
        return treeRow(robot, window, k);
    }

    /** The tree's row of a group, its ancestors expanded and scrolled into view. */
    static Node treeRow(FxRobot robot, MainWindow window, GroupKey k) {
        robot.interact(() -> window.tree().item(k).ifPresent(i -> {
            for (var p = i.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            window.tree().table().scrollTo(window.tree().table().getRow(i));
        }));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".tree-table-row-cell").match((TreeTableRow<GroupRow> r) ->
                r.getItem() != null && r.getItem().key().equals(k)).query();
    }

    /** The text of a main-menu item (a disabled one carries its reason). */
    String menuText(FxRobot robot, String id) {
        javafx.scene.control.MenuBar bar = robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        return io.corral.views.testing.Fx.call(() -> bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow().getText());
    }

    /** Process ids in a group's cgroup.procs (empty when unreadable). */
    static Set<Long> members(Path group) {
        return members(group, "cgroup.procs");
    }

    /** The ids listed in one of a group's task files (cgroup.procs, tasks, cgroup.threads). */
    static Set<Long> members(Path group, String file) {
        try {
            Set<Long> s = new HashSet<>();
            for (String line : Files.readAllLines(group.resolve(file))) {
                if (!line.isBlank()) {
                    s.add(Long.parseLong(line.strip()));
                }
            }
            return s;
        } catch (IOException e) {
            return Set.of();
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
