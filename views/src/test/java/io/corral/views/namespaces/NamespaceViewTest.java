package io.corral.views.namespaces;

import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.NamespaceType;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The namespace tree and details pane, driven as a user would. */
@ExtendWith(ApplicationExtension.class)
class NamespaceViewTest {
    record Write(long pid, IdMapKind kind, IdMap map) {
    }

    private final List<Write> writes = new ArrayList<>();
    private NamespaceViewModel model;
    private NamespaceTree tree;
    private NamespaceDetailsPane details;

    @Start
    void start(Stage stage) throws Exception {
        model = new NamespaceViewModel(true, (pid, kind, map) -> {
            writes.add(new Write(pid, kind, map));
            return CompletableFuture.completedFuture(null);
        });
        model.setSnapshot(SnapshotFixture.snapshot());
        tree = new NamespaceTree(model);
        details = new NamespaceDetailsPane(model);
        stage.setScene(new Scene(new HBox(tree.view(), details), 1100, 800));
        stage.show();
    }

    private static String labels(TreeItem<NamespaceTreeNode> item, String indent) {
        StringBuilder sb = new StringBuilder(indent + item.getValue().label() + "\n");
        item.getChildren().forEach(c -> sb.append(labels(c, indent + "  ")));
        return sb.toString();
    }

    @Test
    void theTreeNestsUserNamespacesByOwnerAndPidNamespacesByParentWithCounts(FxRobot robot) {
        assertEquals(String.join("\n",
                "Namespaces (7)",
                "  user:[4026531837]  2 processes  (host)",
                "    net (1)",
                "      net:[4026531833]  2 processes  (host)",
                "    pid (1)",
                "      pid:[4026531836]  2 processes  (host)",
                "    user:[4026532200]  2 processes",
                "      net (1)",
                "        net:[4026532202]  2 processes",
                "      pid (2)",
                "        pid:[4026532201]  1 process",
                "          pid:[4026532205]  1 process",
                ""), labels(tree.root(), ""));
    }

    @Test
    void selectingAPidNamespaceShowsItsProcessesWithTheirPidsInsideAndGroups(FxRobot robot) {
        assertEquals("Select a namespace", robot.lookup("#namespace-title").queryAs(Label.class).getText());
        assertFalse(details.processTable().isVisible(), "no empty 'no process is in this namespace' before a selection");
        assertTrue(robot.lookup("#namespace-relations").queryAs(Label.class).getText().contains("will show here"));
        robot.clickOn("pid:[4026532201]  1 process");
        assertTrue(details.processTable().isVisible());
        assertEquals("pid:[4026532201]", robot.lookup("#namespace-title").queryAs(Label.class).getText());
        TableView<NamespaceDetailsPane.ProcessRow> table = details.processTable();
        assertEquals(List.of(new NamespaceDetailsPane.ProcessRow(200, "1", "sh")), table.getItems());
        assertTrue(robot.lookup("unified:/ct").tryQuery().isPresent());
        assertFalse(robot.lookup("#namespace-maps").query().isVisible(), "no maps for a pid namespace");
        assertTrue(table.getColumns().get(1).isVisible(), "PID inside, for a pid namespace");
    }

    @Test
    void aUserNamespaceNamesItsParentOnceAndHasNoPidInsideColumn(FxRobot robot) {
        robot.clickOn("user:[4026532200]  2 processes");
        String relations = robot.lookup("#namespace-relations").queryAs(Label.class).getText();
        assertTrue(relations.contains("parent user:[4026531837]"), relations);
        assertFalse(relations.contains("owned by"), "a user namespace's owner is its parent: " + relations);
        assertEquals(List.of("PID", "Command"), details.processTable().getColumns().stream()
                .filter(javafx.scene.control.TableColumn::isVisible).map(javafx.scene.control.TableColumn::getText)
                .toList());
    }

    @Test
    void aWrittenMapIsReadOnlyWithTheReasonAndAnUnwrittenOneIsEditedAndWrittenOnce(FxRobot robot) {
        robot.clickOn("user:[4026532200]  2 processes");
        assertEquals(List.of(List.of("0", "100000", "65536")), details.uidMapEditor().rowsText(),
                "inside, host, count: the order of uid_map itself");
        assertTrue(robot.lookup("#uid-map-write").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#uid-map-reason").queryAs(Label.class).getText().contains("already written"));

        Button write = robot.lookup("#gid-map-write").queryAs(Button.class);
        assertFalse(write.isDisabled());
        robot.clickOn("#gid-map-add");
        // the new row: inside 0, host id empty, count 1; type the host id and a count
        robot.doubleClickOn(robot.lookup("#gid-map-table .table-cell").nth(1).queryAs(javafx.scene.Node.class));
        robot.write("100000").type(KeyCode.ENTER);
        robot.doubleClickOn(robot.lookup("#gid-map-table .table-cell").nth(2).queryAs(javafx.scene.Node.class));
        robot.eraseText(1).write("65536").type(KeyCode.ENTER);
        assertEquals(List.of(List.of("0", "100000", "65536")), details.gidMapEditor().rowsText());
        robot.clickOn("#gid-map-write");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, writes.size());
        assertEquals(new Write(200, IdMapKind.GID, new IdMap(List.of(new io.corral.model.namespace.IdMapRange(0, 100000,
                65536)))), writes.get(0));
        assertEquals("gid_map written", robot.lookup("#gid-map-status").queryAs(Label.class).getText());
        screenshot(robot, "namespaces-user.png");
    }

    /** Saves the window under target/screenshots, to look at. */
    static void screenshot(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                javafx.scene.image.WritableImage img = robot.listWindows().get(0).getScene().snapshot(null);
                java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
                java.nio.file.Files.createDirectories(dir);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                        dir.resolve(name).toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void anInvalidMapIsRefusedBeforeAnyWrite(FxRobot robot) {
        robot.clickOn("user:[4026532200]  2 processes");
        robot.clickOn("#gid-map-add");
        robot.clickOn("#gid-map-write"); // host id left empty
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(writes.isEmpty());
        assertTrue(robot.lookup("#gid-map-status").queryAs(Label.class).getText().contains("row 1: host id \"\" is not a decimal number"),
                robot.lookup("#gid-map-status").queryAs(Label.class).getText());
    }

    @Test
    void theInitialUserNamespacesMapsAreNotEditable(FxRobot robot) {
        robot.clickOn("user:[4026531837]  2 processes  (host)");
        assertTrue(robot.lookup("#uid-map-write").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#gid-map-reason").queryAs(Label.class).getText().contains("fixed by the kernel"));
    }

    @Test
    void aNewSnapshotKeepsTheSelectionAndShowsTheNewTruth(FxRobot robot) throws Exception {
        robot.clickOn("net:[4026532202]  2 processes");
        robot.interact(() -> {
            try {
                model.setSnapshot(SnapshotFixture.snapshot());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        TreeView<NamespaceTreeNode> view = tree.view();
        assertEquals("net:[4026532202]", view.getSelectionModel().getSelectedItem().getValue().key());
        assertEquals(SnapshotFixture.N1, model.selectedProperty().get());
    }

    @Test
    void theSharingHelperNamesTheNamespacesATaskDoesNotShare() throws Exception {
        var snap = SnapshotFixture.snapshot();
        NamespaceSharing s = NamespaceSharing.of(snap, 201);
        assertEquals(java.util.Set.of(NamespaceType.USER, NamespaceType.PID, NamespaceType.NET), s.unshared());
        assertEquals("net pid user", s.text());
        assertTrue(s.tooltip().contains("own pid namespace pid:[4026532205] (host: pid:[4026531836])"), s.tooltip());
        assertTrue(NamespaceSharing.of(snap, 100).sharesAll());
        assertEquals("", NamespaceSharing.of(snap, 100).text());
        assertEquals("own net, pid, user", NamespaceSharing.groupSummary(snap, "unified",
                io.corral.model.cgroup.GroupPath.ofKernel("/ct")));
        assertEquals("", NamespaceSharing.groupSummary(snap, "unified", io.corral.model.cgroup.GroupPath.ROOT));
    }
}
