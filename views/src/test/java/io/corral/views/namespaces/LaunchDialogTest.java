package io.corral.views.namespaces;

import io.corral.model.launch.UserMapping;
import io.corral.model.namespace.NamespaceType;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Launch form as a user fills it in, and the dialog's Launch button. */
@ExtendWith(ApplicationExtension.class)
class LaunchDialogTest {
    private LaunchForm form;

    @Start
    void start(Stage stage) {
        form = new LaunchForm(List.of("cpu,freezer:/web", "/batch"), "cpu,freezer:/web");
        stage.setScene(new Scene(new ScrollPane(form), 760, 720));
        stage.show();
    }

    @Test
    void fillingTheFormBuildsTheRequestAndShowsTheUnshareLine(FxRobot robot) {
        assertTrue(form.request().isEmpty());
        assertEquals("enter a command", robot.lookup("#launch-problem").queryAs(Label.class).getText());
        robot.clickOn("#launch-command").write("redis-server");
        robot.clickOn("#launch-arguments").write("--port\n6390");
        robot.clickOn("#launch-ns-pid");
        robot.clickOn("#launch-ns-mnt");
        assertEquals("unshare --mount --pid --fork --mount-proc setsid redis-server --port 6390", form.unshareLine());
        LaunchRequest r = form.request().orElseThrow();
        assertEquals("cpu,freezer:/web", r.group().toString());
        assertEquals(List.of("redis-server", "--port", "6390"), r.spec().command());
        assertEquals(Set.of(NamespaceType.PID, NamespaceType.MNT), r.spec().namespaces());
        assertTrue(r.spec().groups().isEmpty(), "groups are resolved by whoever runs it");
        NamespaceViewTest.screenshot(robot, "launch-form.png");
    }

    @Test
    void userMapsAreValidatedAsTheKernelWould(FxRobot robot) {
        robot.clickOn("#launch-command").write("id");
        robot.clickOn("#launch-ns-user");
        robot.clickOn("#launch-explicit-map");
        robot.clickOn("#launch-uid-map").write("0 1000 10\n5 2000 10");
        assertTrue(form.request().isEmpty());
        assertTrue(form.problem().contains("overlaps line 1"), form.problem());
        robot.clickOn("#launch-uid-map").eraseText(9).write("10 2000 10");
        UserMapping m = form.request().orElseThrow().spec().userMapping();
        assertTrue(m instanceof UserMapping.Explicit e && e.uids().ranges().size() == 2, m.toString());
        robot.clickOn("#launch-map-root");
        assertTrue(form.unshareLine().contains("--user --map-root-user"), form.unshareLine());
    }

    @Test
    void aBadEnvironmentLineOrRelativeDirectoryIsExplained(FxRobot robot) {
        robot.clickOn("#launch-command").write("env");
        robot.clickOn("#launch-env").write("JUSTANAME");
        assertTrue(form.problem().contains("is not NAME=VALUE"), form.problem());
        robot.clickOn("#launch-env").eraseText(9).write("A=1; rm -rf /");
        assertEquals("A=1; rm -rf /".substring(2), form.request().orElseThrow().spec().environment().get("A"));
        robot.clickOn("#launch-wd").write("tmp");
        assertTrue(form.problem().contains("absolute path"), form.problem());
    }

    @Test
    void theDialogsLaunchButtonFollowsTheForm(FxRobot robot) {
        LaunchDialog[] dialog = new LaunchDialog[1];
        robot.interact(() -> {
            dialog[0] = new LaunchDialog(List.of("/batch"), "/batch");
            dialog[0].getDialogPane().getStylesheets().setAll(io.corral.styles.Themes.stylesheets(
                    io.corral.styles.Themes.Theme.LIGHT));
            dialog[0].show();
        });
        Button launch = (Button) dialog[0].getDialogPane().lookupButton(LaunchDialog.LAUNCH);
        assertTrue(launch.isDisabled());
        assertEquals("Launch is off: enter a command", dialog[0].whyNotText(), "said beside the buttons");
        Node command = dialog[0].getDialogPane().lookup("#launch-command");
        robot.clickOn(command).write("sleep");
        assertTrue(!launch.isDisabled());
        assertEquals("", dialog[0].whyNotText());
        javafx.scene.control.TextField quota = dialog[0].limits().field(io.corral.model.limit.Knob.CPU_QUOTA);
        robot.interact(() -> quota.setText("-5"));
        assertTrue(launch.isDisabled());
        assertEquals("Launch is off: cpu.quota: \"-5\" is negative", dialog[0].whyNotText());
        Label why = (Label) dialog[0].getDialogPane().lookup("#launch-why");
        assertEquals(javafx.scene.paint.Color.web("#c62828"), why.getTextFill(), "in the refused colour");
        io.corral.views.testing.Screenshots.save(dialog[0].getDialogPane().getScene(), "launch-dialog-bad-limit");
        robot.interact(() -> quota.setText(""));
        assertTrue(!launch.isDisabled());
        robot.clickOn(launch);
        assertEquals(List.of("sleep"), dialog[0].getResult().spec().command());
    }
}
