package io.corral.views.shell;

import io.corral.styles.Themes.Theme;
import io.corral.views.state.ConsoleState;
import io.corral.model.sample.GroupKey;
import io.corral.views.state.GroupRow;
import io.corral.views.state.TaskRow;
import io.corral.views.state.Units;
import io.corral.views.tasks.ThreadList;
import io.corral.views.testing.FakeHost;
import io.corral.views.testing.Screenshots;
import io.corral.views.testing.TestPrefs;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.corral.views.testing.FakeHost.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real window on an in-memory host: tree, table, drag and drop, undo, refusals, refreshes. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    private final FakeHost host = FakeHost.sample();
    private ConsoleState state;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        state = new ConsoleState();
        window = new MainWindow(stage, state, host, TestPrefs.fresh());
        host.setAfterCommand(h -> state.offer(h.frame()));
        window.show();
        state.offer(host.frame());
    }

    private void refresh(FxRobot robot) {
        robot.interact(() -> state.offer(host.frame()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void select(FxRobot robot, GroupKey k) {
        robot.interact(() -> state.selection().selectGroup(k));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node treeRow(FxRobot robot, GroupKey k) {
        return robot.lookup(".tree-table-row-cell").match((TreeTableRow<GroupRow> r) ->
                r.getItem() != null && r.getItem().key().equals(k)).query();
    }

    private Node taskRow(FxRobot robot, long pid) {
        return robot.lookup("#task-table .table-row-cell").match((TableRow<TaskRow> r) ->
                r.getItem() != null && r.getItem().pid() == pid).query();
    }

    @Test
    void aGroupCreatedBehindTheAppsBackAppearsWithinOneRefresh(FxRobot robot) {
        GroupKey fresh = key("unified", "/corral-test-behind");
        assertTrue(window.tree().item(fresh).isEmpty());
        robot.interact(() -> host.group(fresh));
        refresh(robot);
        assertTrue(window.tree().item(fresh).isPresent());
        assertTrue(robot.lookup(".tree-table-row-cell").match((TreeTableRow<GroupRow> r) ->
                r.getItem() != null && r.getItem().key().equals(fresh)).tryQuery().isPresent(), "visible row");
    }

    @Test
    void draggingTasksOntoAGroupMovesThemWithOneCommandAndUndoMovesThemBack(FxRobot robot) {
        select(robot, key("unified", "/web/frontend"));
        robot.clickOn(taskRow(robot, 101));
        robot.press(KeyCode.SHIFT).clickOn(taskRow(robot, 102)).release(KeyCode.SHIFT);
        assertEquals(List.of(101L, 102L), List.copyOf(state.selection().tasks()));
        robot.drag(taskRow(robot, 101)).dropTo(treeRow(robot, key("unified", "/idle")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("move unified:/idle 101 102"), host.calls, "one command for the batch");
        assertEquals(Optional.of(key("unified", "/idle")), host.whereIs("unified", 101));
        assertEquals(Optional.of(key("unified", "/idle")), host.whereIs("unified", 102));
        assertTrue(window.notifications().titleText().contains("Moved 2 of 2"), window.notifications().titleText());
        Screenshots.save(window.scene(), "after-drop-light");

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Optional.of(key("unified", "/web/frontend")), host.whereIs("unified", 101));
        assertEquals(Optional.of(key("unified", "/web/frontend")), host.whereIs("unified", 102));
        assertEquals("move unified:/web/frontend 101 102", host.calls.get(1));
    }

    @Test
    void theRssColumnIsShownByDefaultWithEachTasksResidentSetSize(FxRobot robot) {
        select(robot, key("unified", "/web/frontend"));
        TableCell<?, ?> cell = robot.lookup(".table-cell").match((TableCell<TaskRow, ?> c) ->
                c.getTableColumn() != null && "task-col-rss".equals(c.getTableColumn().getId())
                        && c.getTableRow() != null && c.getTableRow().getItem() != null
                        && c.getTableRow().getItem().pid() == 101).query();
        assertTrue(cell.getTableColumn().isVisible());
        assertTrue(cell.isVisible());
        assertEquals(Units.bytes(101 * 4096L), cell.getText());
    }

    @Test
    void showThreadsListsTheThreadsOfTheSelectedProcessesReadOffTheFxThread(FxRobot robot) throws Exception {
        select(robot, key("unified", "/web/frontend"));
        robot.clickOn(taskRow(robot, 101));
        robot.press(KeyCode.SHIFT).clickOn(taskRow(robot, 102)).release(KeyCode.SHIFT);
        ThreadList threads = window.tasks().threadList();
        assertFalse(threads.isVisible(), "threads are shown on demand only");

        robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> threads.rows().size() == 4);
        assertTrue(window.tasks().showThreadsToggle().isSelected());
        assertTrue(threads.isVisible());
        assertEquals(List.of("101/101 main R", "101/5101 worker-1 S", "102/102 main R", "102/5102 worker-1 S"),
                threads.rows().stream().map(r -> r.pid() + "/" + r.thread().tid() + " " + r.thread().name() + " "
                        + r.thread().state().letter()).toList());
        assertTrue(robot.lookup("#task-thread-table .table-row-cell").match((TableRow<ThreadList.Row> r) ->
                r.getItem() != null && r.getItem().thread().name().equals("worker-1")).tryQuery().isPresent(),
                "thread rows on screen");
        assertFalse(host.threadReadsOnFxThread.isEmpty());
        assertFalse(host.threadReadsOnFxThread.contains(true), "threads are read off the FX thread");

        robot.clickOn(taskRow(robot, 101));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> threads.rows().size() == 2);
        assertEquals(List.of(101L, 101L), threads.rows().stream().map(ThreadList.Row::pid).toList());

        robot.clickOn("#task-show-threads");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(threads.isVisible());
    }

    private Node threadRow(FxRobot robot, int tid) {
        return robot.lookup("#task-thread-table .table-row-cell").match((TableRow<ThreadList.Row> r) ->
                r.getItem() != null && r.getItem().thread().tid() == tid).query();
    }

    @Test
    void aThreadDraggedOntoAV1GroupMovesAloneAndOnCgroup2ADomainGroupRefusesIt(FxRobot robot) throws Exception {
        ThreadList threads = window.tasks().threadList();
        select(robot, key("cpu,cpuacct", "/"));
        robot.clickOn(taskRow(robot, 101));
        robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> threads.rows().size() == 2);
        robot.interact(() -> window.tree().item(key("cpu,cpuacct", "/")).orElseThrow().setExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();
        robot.drag(threadRow(robot, 5101)).dropTo(treeRow(robot, key("cpu,cpuacct", "/limited")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("move-threads cpu,cpuacct:/limited 5101"), host.calls, "one thread, written alone");

        select(robot, key("unified", "/web/frontend"));
        robot.clickOn(taskRow(robot, 101));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> threads.rows().size() == 2);
        robot.drag(threadRow(robot, 5101)).dropTo(treeRow(robot, key("unified", "/idle")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, host.calls.size(), "nothing sent for the refused thread drop: " + host.calls);
        assertTrue(window.notifications().detailText().contains("Threads stay with their process"),
                window.notifications().detailText());
        Screenshots.save(window.scene(), "refused-thread-drop-light");
    }

    @Test
    void anIllegalDropIsRefusedWithTheReasonShownAndNothingSent(FxRobot robot) {
        select(robot, key("unified", "/web/frontend"));
        robot.clickOn(taskRow(robot, 101));
        robot.drag(taskRow(robot, 101)).dropTo(treeRow(robot, key("unified", "/web")));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(host.calls.isEmpty(), "no command for a refused drop: " + host.calls);
        assertEquals(Optional.of(key("unified", "/web/frontend")), host.whereIs("unified", 101));
        assertTrue(window.notifications().detailText().contains("No internal processes"),
                window.notifications().detailText());
        Screenshots.save(window.scene(), "refused-drop-light");
    }

    @Test
    void selectionAndExpansionSurviveAHundredRefreshes(FxRobot robot) {
        GroupKey backend = key("unified", "/web/backend");
        select(robot, backend);
        robot.clickOn(taskRow(robot, 201));
        TreeItem<GroupRow> item = window.tree().item(backend).orElseThrow();
        TreeItem<GroupRow> web = window.tree().item(key("unified", "/web")).orElseThrow();
        assertTrue(web.isExpanded());
        for (int i = 0; i < 100; i++) {
            int n = i;
            robot.interact(() -> {
                host.group(backend).cpu = n % 13;
                if (n % 10 == 0) {
                    host.group(key("unified", "/churn-" + n));
                }
                if (n % 10 == 5) {
                    host.removeGroup(key("unified", "/churn-" + (n - 5)), true);
                }
                state.offer(host.frame());
            });
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(item, window.tree().table().getSelectionModel().getSelectedItem());
        assertSame(item, window.tree().item(backend).orElseThrow());
        assertTrue(web.isExpanded());
        assertEquals(99 % 13, item.getValue().cpuPercent().getAsDouble(), 1e-9, "row of the last frame");
        assertEquals(List.of(201L), List.copyOf(state.selection().tasks()), "task selection kept");
        assertEquals(1, window.tasks().table().getSelectionModel().getSelectedItems().size());
    }

    @Test
    void moveToGroupWithTheKeyboardSendsOneCommand(FxRobot robot) {
        select(robot, key("unified", "/web/frontend"));
        robot.clickOn(taskRow(robot, 102));
        robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        // Monocle gives a new window no keyboard focus of its own: click the search field first.
        robot.clickOn("#group-picker-search").write("idle");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.DialogPane pane = (javafx.scene.control.DialogPane) robot.window(w -> w != window.stage())
                .getScene().getRoot();
        assertTrue(pane.getHeaderText().matches("Move PID 102 \\(.+\\) from /web/frontend to\u2026"),
                "which task, from where: " + pane.getHeaderText());
        var list = robot.lookup("#group-picker-list").queryAs(javafx.scene.control.ListView.class);
        assertEquals(1, list.getItems().size(), "search narrows the picker to /idle");
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("move unified:/idle 102"), host.calls);
        assertEquals(Optional.of(key("unified", "/idle")), host.whereIs("unified", 102));
    }

    @Test
    void thePickerGreysOutGroupsThatWouldRefuseAndSaysWhy(FxRobot robot) {
        select(robot, key("unified", "/web/frontend"));
        robot.clickOn(taskRow(robot, 101));
        robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#group-picker-search").write("/web");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(robot.window(w -> w != window.stage()).getScene(), "group-picker-light");
        String web = robot.lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .map(c -> c.getText()).filter(t -> t != null && t.startsWith("/web ")).findFirst().orElseThrow();
        assertTrue(web.contains("No internal processes"), web);
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(host.calls.isEmpty());
    }

    @Test
    void filterFindsAGroupByPid(FxRobot robot) {
        robot.clickOn("#group-filter").write("301");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.tree().item(key("freezer", "/paused")).isPresent());
        var tops = window.tree().table().getRoot().getChildren();
        assertEquals(1, tops.size());
        assertEquals("freezer", tops.get(0).getValue().key().hierarchyId());
    }

    @Test
    void aFilterThatHidesTheSelectedGroupDoesNotHighlightAnotherOne(FxRobot robot) {
        select(robot, key("unified", "/"));
        robot.clickOn("#group-filter").write("301");
        WaitForAsyncUtils.waitForFxEvents();
        refresh(robot); // the next frames, as the sampler sends them while the filter stays
        refresh(robot);
        // What is drawn highlighted is the row at the selected index (the selection model may
        // keep a filtered-out item as its selected item while its index falls on a neighbour).
        var table = window.tree().table();
        int row = table.getSelectionModel().getSelectedIndex();
        var shown = row < 0 ? null : table.getTreeItem(row);
        var selected = state.selection().group().orElse(null);
        assertTrue(shown == null || shown.getValue().key().equals(selected),
                "highlighted " + (shown == null ? null : shown.getValue().key()) + " but the console shows " + selected);
    }

    @Test
    void groupCommandsExplainWhyTheyAreDisabled(FxRobot robot) {
        select(robot, key("unified", "/web/backend"));
        robot.clickOn("#menu-bar .menu:nth-child(3)");
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(KeyCode.ESCAPE);
        var rename = window.stage().getScene().getRoot();
        assertTrue(findMenuText(robot, "menu-rename-group").contains("cgroup2 cannot rename groups"));
        assertTrue(findMenuText(robot, "menu-remove-group").contains("still has 1 process)"));
        select(robot, key("freezer", "/paused"));
        assertTrue(findMenuText(robot, "menu-freeze").contains("already frozen"));
        assertFalse(findMenuText(robot, "menu-thaw").contains("("));
    }

    @Test
    void whileTheFirstReadingIsUnderWayActionsWaitForWhatTheyDependOn(FxRobot robot) {
        FakeHost.Group backend = host.group(key("unified", "/web/backend"));
        backend.tasks.clear();
        backend.known = io.corral.views.state.GroupRow.Known.WITHOUT_TASKS;
        host.group(key("freezer", "/paused")).known = io.corral.views.state.GroupRow.Known.NAME;
        refresh(robot);
        select(robot, key("unified", "/web/backend"));
        // Not "empty, may be removed" nor "no processes": the processes are not read yet.
        assertTrue(findMenuText(robot, "menu-remove-group").contains("still reading the processes"),
                findMenuText(robot, "menu-remove-group"));
        assertTrue(findMenuText(robot, "menu-kill-all").contains("still reading the processes"),
                findMenuText(robot, "menu-kill-all"));
        assertTrue(findMenuText(robot, "menu-freeze").contains("still reading the processes"),
                findMenuText(robot, "menu-freeze"));
        select(robot, key("freezer", "/paused"));
        assertTrue(findMenuText(robot, "menu-thaw").contains("still reading this group"), findMenuText(robot, "menu-thaw"));
        assertFalse(findMenuText(robot, "menu-new-group").contains("("), "a child can be made from the name alone");
        backend.known = io.corral.views.state.GroupRow.Known.ALL;
        host.group(key("freezer", "/paused")).known = io.corral.views.state.GroupRow.Known.ALL;
        refresh(robot);
        assertFalse(findMenuText(robot, "menu-thaw").contains("("), "read: thaw allowed again");
    }

    private String findMenuText(FxRobot robot, String id) {
        javafx.scene.control.MenuBar bar = robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId()))
                .findFirst().orElseThrow().getText();
    }

    @Test
    void aDisabledToolbarButtonSaysWhyWhenHovered(FxRobot robot) throws Exception {
        select(robot, key("unified", "/"));
        assertTrue(robot.lookup("#tool-remove-group").queryButton().isDisabled());
        robot.moveTo("#tool-remove-group");
        String removeTip = "Remove group  [Delete]\nUnavailable: the root group of a hierarchy cannot be removed";
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shownTooltips().contains(removeTip));
        robot.moveTo("#tool-new-group");
        String newTip = "New group  [" + new javafx.scene.input.KeyCodeCombination(KeyCode.N,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN).getDisplayText() + "]\nCreate a child group (mkdir).";
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shownTooltips().contains(newTip));
    }

    /** The texts of the tooltips on screen, read on the FX thread. */
    private static List<String> shownTooltips() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.Tooltip && w.isShowing())
                .map(w -> ((javafx.scene.control.Tooltip) w).getText()).toList()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBadGroupNameIsSaidInFullInTheRefusedColourAndAnEmptyOneGetsAHint(FxRobot robot) {
        select(robot, key("unified", "/web"));
        robot.clickOn("#tool-new-group");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label error = robot.lookup("#group-name-error").queryAs(javafx.scene.control.Label.class);
        assertEquals(GroupCommands.NAME_HINT, error.getText());
        assertTrue(error.getStyleClass().contains("muted"), "nothing typed is not an error");
        robot.interact(() -> robot.lookup("#group-name-field").queryAs(javafx.scene.control.TextField.class)
                .setText("../x"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(javafx.scene.paint.Color.web("#c62828"), error.getTextFill(), "the light theme's -corral-refused");
        javafx.scene.text.Text shown = (javafx.scene.text.Text) error.lookup(".text");
        assertEquals("group name \"../x\" contains '/' (give one name, or a path to the parent)", shown.getText(),
                "wrapped, not cut with an ellipsis");
        Screenshots.save(error.getScene(), "dialog-new-group-bad-name");
        robot.interact(() -> ((javafx.scene.control.DialogPane) error.getScene().getRoot())
                .lookupButton(javafx.scene.control.ButtonType.CANCEL).fireEvent(new javafx.event.ActionEvent()));
    }

    @Test
    void inANarrowWindowTheStatusBarKeepsWhoYouAreAndWhatYouSeeWhole(FxRobot robot) {
        robot.interact(() -> {
            window.stage().setWidth(1024);
            window.stage().setHeight(640);
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("status-host", "status-refresh", "status-groups", "status-privileges")) {
            javafx.scene.control.Label l = robot.lookup("#" + id).queryAs(javafx.scene.control.Label.class);
            String shown = ((javafx.scene.text.Text) l.lookup(".text")).getText();
            assertEquals(l.getText(), shown, id + " is not cut");
        }
        javafx.scene.control.ToggleButton threads = robot.lookup(".toggle-button").match(
                (javafx.scene.control.ToggleButton b) -> "Show threads".equals(b.getText())).queryAs(
                javafx.scene.control.ToggleButton.class);
        assertEquals("Show threads", ((javafx.scene.text.Text) threads.lookup(".text")).getText(),
                "the task side's button keeps its words");
        javafx.scene.control.TreeTableView<?> tree = robot.lookup("#group-tree").queryAs(
                javafx.scene.control.TreeTableView.class);
        assertTrue(tree.getColumns().get(0).getWidth() >= 200, "group names get at least 200 px: "
                + tree.getColumns().get(0).getWidth());
        Screenshots.save(window.scene(), "main-1024x640");
    }

    @Test
    void screenshotsOfTheMainScreenInLightAndDark(FxRobot robot) {
        select(robot, key("unified", "/web/frontend"));
        robot.clickOn(taskRow(robot, 101));
        robot.interact(() -> window.tree().item(key("unified", "/batch")).orElseThrow().setExpanded(true));
        refresh(robot);
        Screenshots.save(window.scene(), "main-light");
        robot.interact(() -> window.applyTheme(Theme.DARK));
        Screenshots.save(window.scene(), "main-dark");
        select(robot, key("freezer", "/paused"));
        robot.interact(() -> window.tree().item(key("freezer", "/")).orElseThrow().setExpanded(true));
        Screenshots.save(window.scene(), "frozen-dark");
        assertEquals(Theme.DARK, window.theme());
    }
}
