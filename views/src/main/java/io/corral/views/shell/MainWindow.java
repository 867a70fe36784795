package io.corral.views.shell;

import io.corral.styles.Themes;
import io.corral.styles.Themes.Theme;
import io.corral.views.actions.ActionReport;
import io.corral.views.actions.ActionRunner;
import io.corral.views.actions.GroupActions;
import io.corral.views.actions.UndoHistory;
import io.corral.views.state.ConsoleState;
import io.corral.views.tasks.DropVerdict;
import io.corral.views.tasks.TaskDrag;
import io.corral.views.tasks.TaskTableView;
import io.corral.views.tree.GroupTreeView;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Separator;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.List;
import java.util.Optional;

/**
 * The console window: menu bar and toolbar, the group tree (left), the task table (centre)
 * with a tab area below it for embedded panels (limits, charts, namespaces), the
 * notification area and the status bar. Owns no kernel access: it shows {@link ConsoleState}
 * and sends commands through {@link GroupActions}.
 */
public final class MainWindow {
    private final Stage stage;
    private final ConsoleState state;
    private final ConsolePrefs prefs;
    private final TaskDrag drag = new TaskDrag();
    private final GroupTreeView tree;
    private final TaskTableView tasks;
    private final NotificationArea notifications;
    private final StatusBar statusBar;
    private final ActionRunner runner;
    private final GroupCommands commands;
    private final SplitPane main = new SplitPane();
    private final SplitPane centre = new SplitPane();
    private final TabPane details = new TabPane();
    private final Scene scene;
    private final ToolBar toolBar = new ToolBar();
    private final Menu groupMenu = new Menu("_Group");
    private final ContextMenu treeMenu = new ContextMenu();
    private MenuBar menuBar;
    private Theme theme;

    public MainWindow(Stage stage, ConsoleState state, GroupActions actions, ConsolePrefs prefs) {
        this.stage = stage;
        this.state = state;
        this.prefs = prefs;
        this.theme = prefs.theme();
        UndoHistory history = new UndoHistory();
        NotificationArea[] area = new NotificationArea[1];
        runner = new ActionRunner(Platform::runLater, history, r -> area[0].show(r));
        notifications = new NotificationArea(history, runner::undoLast);
        area[0] = notifications;
        tree = new GroupTreeView(state, drag);
        tasks = new TaskTableView(state, drag);
        tasks.setThreadSource(actions::threads);
        statusBar = new StatusBar(state);
        commands = new GroupCommands(state, actions, runner, () -> stage, () -> theme, tasks::selectedTasks,
                notifications::track);
        tree.setOnDrop((target, dragged) -> commands.moveTasks(target.key(), dragged));
        tasks.setOnRefusedDrop(this::showRefusedDrop);

        details.setId("detail-tabs");
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        centre.setOrientation(Orientation.VERTICAL);
        centre.getItems().setAll(tasks);
        main.getItems().setAll(tree, centre);
        main.setDividerPositions(prefs.divider("main", 0.56));
        SplitPane.setResizableWithParent(tree, false);
        // The tree keeps its width when the window changes, but not at the cost of the task
        // table and tabs: shrunk to 1024 pixels they were left a third of the window.
        centre.setMinWidth(420);

        installContextMenus();
        BorderPane root = new BorderPane(main);
        root.setId("main-window");
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setBottom(new VBox(notifications, statusBar));
        double[] b = prefs.windowBounds();
        javafx.geometry.Rectangle2D place = WindowPlacement.place(b[0], b[1], b[2], b[3],
                screensPrimaryFirst());
        scene = new Scene(root, place.getWidth(), place.getHeight());
        applyTheme(theme);
        stage.setTitle("Corral \u2014 control groups");
        stage.setScene(scene);
        stage.setX(place.getMinX());
        stage.setY(place.getMinY());
        stage.setMaximized(prefs.maximized());
        stage.setOnHiding(e -> saveLayout());
        // A pointer that moves with no button held ends any gesture the toolkit forgot to finish
        // (a drag whose DRAG_DONE never came would otherwise hold refreshes back).
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_MOVED, e -> {
            if (drag.busyProperty().get()) {
                drag.finish();
            }
        });
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (drag.current().isEmpty()) {
                drag.pointerHeldProperty().set(false);
            }
        });
        drag.verdictProperty().addListener((o, was, now) -> {
            if (now != null) {
                statusHint(now);
            }
        });
    }

    private static java.util.List<javafx.geometry.Rectangle2D> screensPrimaryFirst() {
        java.util.List<javafx.geometry.Rectangle2D> out = new java.util.ArrayList<>();
        out.add(javafx.stage.Screen.getPrimary().getVisualBounds());
        for (javafx.stage.Screen s : javafx.stage.Screen.getScreens()) {
            if (!s.equals(javafx.stage.Screen.getPrimary())) {
                out.add(s.getVisualBounds());
            }
        }
        return out;
    }

    /** Adds a panel (limits, charts, namespaces) as a tab below the task table. */
    public void embed(String title, Node panel) {
        Tab tab = new Tab(title, panel);
        tab.setId("tab-" + title.toLowerCase().replace(' ', '-'));
        details.getTabs().add(tab);
        if (!centre.getItems().contains(details)) {
            centre.getItems().add(details);
            // The tabs below (limits, charts, namespaces) need the room more than the task
            // table: at 0.55 a 800-pixel-high window showed one limit section at a time.
            centre.setDividerPositions(prefs.divider("centre", 0.4));
        }
    }

    /**
     * Adds another feature's group action to the toolbar (before Undo), the Group menu and
     * the group context menu; its enabled state follows the selected group and each frame.
     */
    public void addGroupAction(WindowAction w) {
        ConsoleAction a = new ConsoleAction(w.id(), w.text(), w.help(), w.icon(), w.accelerator(),
                () -> w.handler().accept(state.selection().groupRow().get()));
        Runnable update = () -> a.refuse(w.refusal().apply(state.selection().groupRow().get()));
        state.selection().groupRow().addListener((o, was, now) -> update.run());
        state.frameProperty().addListener((o, was, now) -> update.run());
        update.run();
        groupMenu.getItems().add(a.menuItem(true));
        treeMenu.getItems().add(a.menuItem(false));
        int undo = (int) toolBar.getItems().stream().takeWhile(n -> !"tool-undo".equals(n.getId())).count();
        toolBar.getItems().add(Math.min(undo, toolBar.getItems().size()), a.button());
    }

    /** Adds an item to the menu whose id is {@code menuId} (e.g. {@code menu-file}), above Quit. */
    public void addMenuItem(String menuId, MenuItem item) {
        List<MenuItem> items = menuBar.getMenus().stream().filter(m -> menuId.equals(m.getId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no menu " + menuId)).getItems();
        int quit = (int) items.stream().takeWhile(i -> !"menu-quit".equals(i.getId())).count();
        if (quit < items.size()) {
            items.add(quit, item);
            if (quit == 0 || !(items.get(quit + 1) instanceof SeparatorMenuItem)) {
                items.add(quit + 1, new SeparatorMenuItem());
            }
        } else {
            items.add(item);
        }
    }

    public void show() {
        stage.show();
    }

    /**
     * Adds a feature's group commands (checkpoint/restore): nodes at the end of the toolbar,
     * items at the end of the Group menu and of the group context menu.
     */
    public void addGroupCommands(List<Node> toolItems, List<MenuItem> menuItems, List<MenuItem> contextItems) {
        toolBar.getItems().addAll(toolItems);
        if (!menuItems.isEmpty()) {
            groupMenu.getItems().add(new SeparatorMenuItem());
            groupMenu.getItems().addAll(menuItems);
        }
        if (!contextItems.isEmpty()) {
            treeMenu.getItems().add(new SeparatorMenuItem());
            treeMenu.getItems().addAll(contextItems);
        }
    }

    public Scene scene() {
        return scene;
    }

    public Stage stage() {
        return stage;
    }

    public GroupTreeView tree() {
        return tree;
    }

    public TaskTableView tasks() {
        return tasks;
    }

    public NotificationArea notifications() {
        return notifications;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    public ActionRunner runner() {
        return runner;
    }

    public Theme theme() {
        return theme;
    }

    public void applyTheme(Theme t) {
        theme = t;
        scene.getStylesheets().setAll(Themes.stylesheets(t));
        prefs.setTheme(t);
    }

    private void showRefusedDrop(DropVerdict v) {
        notifications.show(ActionReport.rejected("Cannot drop here", v.message()));
    }

    private void statusHint(DropVerdict v) {
        // While dragging, the verdict of the group under the pointer is the notification.
        ActionReport r = v.allowed()
                ? new ActionReport(v.message(), ActionReport.Outcome.APPLIED, List.of("Release to move."), Optional.empty())
                : ActionReport.rejected("Cannot drop here", v.message());
        notifications.show(r);
    }

    private MenuBar menuBar() {
        MenuItem quit = new MenuItem("Quit");
        quit.setId("menu-quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> stage.close());
        Menu file = new Menu("_File", null, quit);
        file.setId("menu-file");

        MenuItem undo = new MenuItem("Undo", new FontIcon(Material2MZ.UNDO));
        undo.setId("menu-undo");
        undo.setAccelerator(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN));
        undo.textProperty().bind(runner.history().labelProperty());
        undo.disableProperty().bind(runner.history().emptyProperty());
        undo.setOnAction(e -> runner.undoLast());
        MenuItem find = new MenuItem("Find group\u2026", new FontIcon(Material2MZ.SEARCH));
        find.setId("menu-find");
        find.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        find.setOnAction(e -> tree.filterField().requestFocus());
        Menu edit = new Menu("_Edit", null, undo, new SeparatorMenuItem(), find);

        Menu group = groupMenu;
        for (ConsoleAction a : commands.groupActions()) {
            group.getItems().add(a.menuItem(true));
        }
        group.getItems().add(5, new SeparatorMenuItem());
        group.getItems().add(4, new SeparatorMenuItem());
        Menu taskMenu = new Menu("_Tasks", null, commands.moveTo.menuItem(true));

        ToggleGroup themes = new ToggleGroup();
        Menu view = new Menu("_View");
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t.label() + " theme");
            item.setId("menu-theme-" + t.name().toLowerCase());
            item.setToggleGroup(themes);
            item.setSelected(t == theme);
            item.setAccelerator(new KeyCodeCombination(t == Theme.LIGHT ? KeyCode.L : KeyCode.D,
                    KeyCombination.SHORTCUT_DOWN, KeyCombination.ALT_DOWN));
            item.setOnAction(e -> applyTheme(t));
            view.getItems().add(item);
        }

        MenuItem glossary = new MenuItem("Kernel terms", new FontIcon(Material2AL.INFO));
        glossary.setId("menu-glossary");
        glossary.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        glossary.setOnAction(e -> showGlossary());
        Menu help = new Menu("_Help", null, glossary);
        MenuBar bar = new MenuBar(file, edit, group, taskMenu, view, help);
        bar.setId("menu-bar");
        menuBar = bar;
        return bar;
    }

    private ToolBar toolBar() {
        ToolBar bar = toolBar;
        bar.setId("tool-bar");
        bar.getItems().addAll(commands.newGroup.button(), commands.remove.button(), commands.rename.button(),
                commands.controllers.button(), new Separator(), commands.freeze.button(), commands.thaw.button(),
                commands.killAll.button(), new Separator(), commands.moveTo.button());
        javafx.scene.control.Button undo = new javafx.scene.control.Button(null, new FontIcon(Material2MZ.UNDO));
        undo.setId("tool-undo");
        undo.setFocusTraversable(false);
        undo.disableProperty().bind(runner.history().emptyProperty());
        undo.setOnAction(e -> runner.undoLast());
        undo.setTooltip(new javafx.scene.control.Tooltip("Undo the last command  [Ctrl+Z]"));
        bar.getItems().add(undo);
        return bar;
    }

    private void installContextMenus() {
        for (ConsoleAction a : commands.groupActions()) {
            treeMenu.getItems().add(a.menuItem(false));
        }
        treeMenu.setId("group-context-menu");
        tree.table().setContextMenu(treeMenu);
        ContextMenu taskMenu = new ContextMenu(commands.moveTo.menuItem(false));
        taskMenu.setId("task-context-menu");
        tasks.table().setContextMenu(taskMenu);
    }

    private void showGlossary() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, Glossary.TEXT, ButtonType.CLOSE);
        a.initOwner(stage);
        a.setTitle("Kernel terms");
        a.setHeaderText("The words of the kernel, in one place");
        a.getDialogPane().getStylesheets().setAll(Themes.stylesheets(theme));
        a.getDialogPane().setPrefWidth(640);
        a.show();
    }

    private void saveLayout() {
        prefs.setMaximized(stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
        prefs.setDivider("main", main.getDividerPositions()[0]);
        if (centre.getDividers().size() > 0) {
            prefs.setDivider("centre", centre.getDividerPositions()[0]);
        }
        prefs.flush();
    }
}
