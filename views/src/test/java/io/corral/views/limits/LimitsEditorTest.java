package io.corral.views.limits;

import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.Setting;
import io.corral.styles.Themes;
import io.corral.views.testing.Fx;
import io.corral.views.testing.ThumbDrag;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class LimitsEditorTest {
    @TempDir
    static Path tmp;
    private static int fixtures;
    private LimitsFixture fixture;
    private RecordingSubmitter submitter;
    private LimitsEditorModel model;
    private LimitsEditor editor;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        fixture = new LimitsFixture(Files.createDirectory(tmp.resolve("host" + fixtures++)));
        submitter = new RecordingSubmitter(fixture.fs, fixture.hierarchies);
        model = new LimitsEditorModel(submitter, Platform::runLater);
        editor = new LimitsEditor(model);
        model.setInput(fixture.input());
        scene = new Scene(editor, 640, 790);
        scene.getStylesheets().setAll(Themes.stylesheets(Themes.Theme.LIGHT));
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        submitter.close();
        // Tooltips shown while the robot's pointer rested on a knob name are windows of their own;
        // left open they would receive the next test's drag-and-drop events.
        FxToolkit.cleanupStages();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "12Q", "50000abc", "max 500"})
    void invalidMemoryTextIsRefusedInTheFieldAndNeverSent(String text, FxRobot robot) {
        LimitField field = Fx.call(() -> ((ValueLimitRow) editor.row(Knob.MEMORY_MAX)).field());
        robot.clickOn(field.textField()).eraseText(field.textField().getText().length()).write(text)
                .type(KeyCode.ENTER);
        WaitForAsyncUtils.sleep((long) LimitsEditorModel.DEBOUNCE.toMillis() + 200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(Fx.call(() -> field.textField().getPseudoClassStates().contains(LimitField.INVALID)),
                "red border on " + text);
        String reason = Fx.call(() -> field.errorText()).orElseThrow();
        assertTrue(reason.startsWith("memory.max: "), reason);
        assertTrue(Fx.call(() -> model.invalidFields().containsKey(Knob.MEMORY_MAX)));
        assertEquals(List.of(), submitter.calls(), "no SetLimits for " + text);
        assertEquals(List.of(), fixture.writes, "no kernel write for " + text);
    }

    @Test
    void theReasonNamesWhatIsWrong() {
        LimitField field = Fx.call(() -> ((ValueLimitRow) editor.row(Knob.MEMORY_MAX)).field());
        Fx.run(() -> field.textField().setText("12Q"));
        assertTrue(Fx.call(field::errorText).orElseThrow().contains("unknown unit \"Q\""));
        Fx.run(() -> field.textField().setText("-5"));
        assertTrue(Fx.call(field::errorText).orElseThrow().contains("negative"));
        Fx.run(() -> field.textField().setText("512M"));
        assertTrue(Fx.call(field::errorText).isEmpty(), "valid again: the reason goes away");
        assertFalse(Fx.call(() -> model.invalidFields().containsKey(Knob.MEMORY_MAX)));
    }

    @Test
    void aRefusedQuotaIsExplainedOnALineOfItsOwnAndTheSliderStaysPut() {
        CpuQuotaRow row = Fx.call(() -> (CpuQuotaRow) editor.row(Knob.CPU_QUOTA));
        WaitForAsyncUtils.waitForFxEvents();
        double x = Fx.call(() -> row.slider().localToScene(0, 0).getX());
        double width = Fx.call(() -> row.slider().getWidth());
        Fx.run(() -> row.field().textField().setText("-5"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("cpu.quota: \"-5\" is negative", Fx.call(row.field()::errorText).orElseThrow());
        assertEquals(x, Fx.call(() -> row.slider().localToScene(0, 0).getX()), "the slider did not move");
        assertEquals(width, Fx.call(() -> row.slider().getWidth()), "nor shrink");
        Fx.run(() -> row.field().textField().setText("1.5"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Fx.call(row.field()::errorText).isEmpty());
    }

    @Test
    void aSelectedGroupNotReadYetIsSaidToBeReadingNotUnselected() {
        Fx.run(() -> {
            model.setInput(null);
            model.readingProperty().set(true);
        });
        javafx.scene.control.Label placeholder = Fx.call(() -> (javafx.scene.control.Label) editor.lookup(
                ".limits-placeholder"));
        assertEquals(LimitsEditor.READING, Fx.call(placeholder::getText));
        Fx.run(() -> model.readingProperty().set(false));
        assertEquals(LimitsEditor.SELECT, Fx.call(placeholder::getText));
        Fx.run(() -> {
            model.readingProperty().set(true);
            model.setInput(fixture.input());
        });
        assertFalse(Fx.call(() -> model.readingProperty().get()), "read: no longer reading");
    }

    @Test
    void theQuotaBarNamesItsUnitOnce() {
        LimitBar bar = Fx.call(() -> {
            LimitBar b = new LimitBar();
            b.formatProperty().set(v -> String.valueOf(v / 100));
            b.suffixProperty().set(" cores");
            b.usageProperty().set(40);
            ((javafx.scene.layout.Pane) editor.getTop()).getChildren().add(b);
            return b;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("0.4 cores used, no limit", Fx.call(() -> ((javafx.scene.control.Label) bar.lookup(".usage-text"))
                .getText()));
        Fx.run(() -> bar.limitProperty().set(200));
        assertEquals("0.4 of 2.0 cores  (20 %)", Fx.call(() -> ((javafx.scene.control.Label) bar.lookup(".usage-text"))
                .getText()));
    }

    @Test
    void draggingTheQuotaSliderSendsOneSetLimitsAfterThePause() throws Exception {
        CpuQuotaRow row = Fx.call(() -> (CpuQuotaRow) editor.row(Knob.CPU_QUOTA));
        Fx.run(() -> row.unlimitedToggle().setSelected(false));
        waitForCalls(1);
        submitter.calls().clear();
        Fx.run(() -> ThumbDrag.drag(row.slider(), -120, 6));
        double cores = Fx.call(() -> row.slider().getValue());
        assertTrue(cores < 4, "the slider moved: " + cores);
        waitForCalls(1);
        WaitForAsyncUtils.sleep((long) LimitsEditorModel.DEBOUNCE.toMillis() * 2, TimeUnit.MILLISECONDS);
        assertEquals(1, submitter.calls().size(), "one SetLimits for one drag: " + submitter.calls());
        Setting s = submitter.calls().get(0).settings().get(0);
        assertEquals(Knob.CPU_QUOTA, s.knob());
        LimitValue.CpuQuota q = (LimitValue.CpuQuota) s.value();
        assertEquals(Math.round(cores / 0.05) * 5000, q.quotaUsec(), "the value where the thumb was let go");
        waitFor(() -> Files.readString(fixture.dir(LimitsFixture.CHILD).resolve("cpu.max")).startsWith(
                q.quotaUsec() + " 100000"));
        waitFor(() -> Fx.call(() -> model.statuses().get(Knob.CPU_QUOTA)) != null
                && Fx.call(() -> model.statuses().get(Knob.CPU_QUOTA).kind()) == KnobStatus.Kind.APPLIED);
    }

    @Test
    void slidingWithoutLettingGoSendsNothingUntilRelease() {
        CpuQuotaRow row = Fx.call(() -> (CpuQuotaRow) editor.row(Knob.CPU_QUOTA));
        Fx.run(() -> {
            row.slider().setValueChanging(true);
            row.slider().setValue(1.0);
            row.slider().setValue(1.5);
            row.slider().setValue(2.25);
        });
        WaitForAsyncUtils.sleep((long) LimitsEditorModel.DEBOUNCE.toMillis() * 2, TimeUnit.MILLISECONDS);
        assertEquals(0, submitter.calls().size(), "still holding the thumb");
        Fx.run(() -> row.slider().setValueChanging(false));
        waitForCalls(1);
        WaitForAsyncUtils.sleep((long) LimitsEditorModel.DEBOUNCE.toMillis() * 2, TimeUnit.MILLISECONDS);
        assertEquals(1, submitter.calls().size());
        assertEquals(new LimitValue.CpuQuota(225_000, 100_000), submitter.calls().get(0).settings().get(0).value());
    }

    @Test
    void theEffectiveLimitNamesTheTighterAncestor() {
        String text = Fx.call(() -> editor.lookupAll(".effective-limit").stream()
                .map(n -> ((javafx.scene.control.Label) n)).filter(Node::isVisible)
                .map(javafx.scene.control.Label::getText).findFirst().orElse(""));
        assertTrue(text.contains("256M") && text.contains(LimitsFixture.PARENT), text);
    }

    @Test
    void reviewModeShowsTheDiffAndSendsOnlyOnApply() throws Exception {
        Fx.run(() -> model.modeProperty().set(LimitsEditorModel.Mode.REVIEW));
        ValueLimitRow pids = Fx.call(() -> (ValueLimitRow) editor.row(Knob.PIDS_MAX));
        ValueLimitRow high = Fx.call(() -> (ValueLimitRow) editor.row(Knob.MEMORY_HIGH));
        Fx.run(() -> {
            pids.field().textField().setText("64");
            pids.field().textField().fireEvent(new javafx.event.ActionEvent());
            high.field().textField().setText("200M");
            high.field().textField().fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.sleep((long) LimitsEditorModel.DEBOUNCE.toMillis() * 2, TimeUnit.MILLISECONDS);
        assertEquals(0, submitter.calls().size(), "review mode waits for Apply");
        List<String> diff = Fx.call(model::diff);
        assertEquals(2, diff.size(), diff.toString());
        assertTrue(diff.stream().anyMatch(l -> l.startsWith("pids.max  max \u2192 64")), diff.toString());
        Fx.screenshot(scene, "limits-review-light");
        Fx.run(() -> editor.applyButton().fire());
        waitForCalls(1);
        assertEquals(2, submitter.calls().get(0).settings().size(), "one SetLimits with both knobs");
        waitFor(() -> Files.readString(fixture.dir(LimitsFixture.CHILD).resolve("pids.max")).equals("64"));
    }

    @Test
    void revertDropsPendingEditsAndShowsTheKernelsValues() {
        Fx.run(() -> model.modeProperty().set(LimitsEditorModel.Mode.REVIEW));
        ValueLimitRow pids = Fx.call(() -> (ValueLimitRow) editor.row(Knob.PIDS_MAX));
        Fx.run(() -> {
            pids.field().textField().setText("64");
            pids.field().textField().fireEvent(new javafx.event.ActionEvent());
        });
        assertEquals(1, Fx.call(() -> model.pending().size()));
        Fx.run(() -> editor.revertButton().fire());
        assertEquals(0, Fx.call(() -> model.pending().size()));
        assertEquals("max", Fx.call(() -> pids.field().textField().getText()));
        assertEquals(0, submitter.calls().size());
    }

    @Test
    void aRejectedChangeShowsTheKernelsReasonInline() throws Exception {
        Files.delete(fixture.dir(LimitsFixture.CHILD).resolve("memory.min")); // the write will fail: ENOENT
        ValueLimitRow min = Fx.call(() -> (ValueLimitRow) editor.row(Knob.MEMORY_MIN));
        Fx.run(() -> {
            min.field().textField().setText("64M");
            min.field().textField().fireEvent(new javafx.event.ActionEvent());
        });
        waitFor(() -> Fx.call(() -> model.statuses().get(Knob.MEMORY_MIN)) != null
                && Fx.call(() -> model.statuses().get(Knob.MEMORY_MIN).kind()) == KnobStatus.Kind.REJECTED);
        String text = Fx.call(() -> model.statuses().get(Knob.MEMORY_MIN).text());
        assertTrue(text.contains("ENOENT"), text);
    }

    @Test
    void pressureGaugesShowStallsAndMarkTheHighOne() {
        List<PressureGauge> g = Fx.call(editor::pressureGauges);
        assertTrue(Fx.call(() -> g.stream().allMatch(javafx.scene.Node::isVisible)));
        assertTrue(Fx.call(() -> g.get(0).getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("high"))),
                "cpu some 14.2 % is high");
        assertFalse(Fx.call(() -> g.get(1).getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("high"))));
        String numbers = Fx.call(() -> ((javafx.scene.control.Label) g.get(0).lookup(".gauge-numbers")).getText());
        assertEquals("some 14 % \u00b7 full 3.1 %", numbers);
    }

    @Test
    void screenshotsLightAndDark() {
        Fx.run(() -> {
            CpuQuotaRow row = (CpuQuotaRow) editor.row(Knob.CPU_QUOTA);
            row.unlimitedToggle().setSelected(false);
            row.slider().setValue(1.5);
            ((ValueLimitRow) editor.row(Knob.MEMORY_HIGH)).field().textField().setText("12Q");
        });
        waitForCalls(1);
        waitFor(() -> Fx.call(() -> model.statuses().get(Knob.CPU_QUOTA)) != null
                && Fx.call(() -> model.statuses().get(Knob.CPU_QUOTA).kind()) == KnobStatus.Kind.APPLIED);
        Fx.run(() -> model.setInput(fixture.input()));
        Fx.pulses(2);
        Fx.screenshot(scene, "limits-light");
        Fx.run(() -> scene.getStylesheets().setAll(Themes.stylesheets(Themes.Theme.DARK)));
        Fx.pulses(2);
        Fx.screenshot(scene, "limits-dark");
    }

    private void waitForCalls(int n) {
        waitFor(() -> submitter.calls().size() >= n);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check c) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
                try {
                    return c.ok();
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 15 s", e);
        }
    }
}
