package io.corral.views.namespaces;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

import io.corral.styles.Styles;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.Optional;

/**
 * "Launch...": the {@link LaunchForm} and the {@link LaunchLimits} to apply first, in a
 * dialog whose Launch button is enabled only when both are valid.
 */
public final class LaunchDialog extends Dialog<LaunchRequest> {
    public static final ButtonType LAUNCH = new ButtonType("Launch", ButtonBar.ButtonData.OK_DONE);
    private final LaunchForm form;
    private final LaunchLimits limits = new LaunchLimits();
    private final Label why = new Label();

    public LaunchDialog(List<String> groups, String initialGroup) {
        form = new LaunchForm(groups, initialGroup);
        setTitle("Launch a command");
        setHeaderText("Start a command inside a group, in new namespaces. Its output goes to a log file.");
        setResizable(true);
        Label limitsTitle = new Label("Limits to apply to the target group first (empty: leave as is)");
        VBox.setMargin(limits, new Insets(0, 10, 10, 10));
        VBox.setMargin(limitsTitle, new Insets(0, 10, 0, 10));
        VBox content = new VBox(4, form, limitsTitle, limits);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(560);
        scroll.setPrefViewportWidth(640);
        // Why Launch is off, beside the buttons: the field it is about may be scrolled away.
        why.setId("launch-why");
        why.getStyleClass().add(Styles.REFUSED_TEXT);
        why.setWrapText(true);
        why.setMinHeight(Region.USE_PREF_SIZE);
        why.textProperty().bind(Bindings.createStringBinding(this::whyNot, form.requestProperty(),
                form.problemProperty(), limits.settingsProperty()));
        VBox.setMargin(why, new Insets(6, 10, 0, 10));
        getDialogPane().setContent(new VBox(scroll, why));
        getDialogPane().getButtonTypes().addAll(LAUNCH, ButtonType.CANCEL);
        getDialogPane().lookupButton(LAUNCH).disableProperty()
                .bind(Bindings.createBooleanBinding(() -> form.request().isEmpty() || limits.settings().isEmpty(),
                        form.requestProperty(), limits.settingsProperty()));
        setResultConverter(b -> b == LAUNCH ? request() : null);
    }

    /** "Launch is off: enter a command", or empty while Launch is on. */
    private String whyNot() {
        Optional<String> reason = form.request().isEmpty() ? Optional.of(form.problem())
                : limits.settings().isEmpty() ? limits.problem() : Optional.empty();
        return reason.filter(r -> !r.isBlank()).map(r -> "Launch is off: " + r).orElse("");
    }

    /** The reason Launch is disabled, as shown beside the buttons. */
    public String whyNotText() {
        return why.getText();
    }

    private LaunchRequest request() {
        return form.request().flatMap(r -> limits.settings().map(r::withLimits)).orElse(null);
    }

    public LaunchForm form() {
        return form;
    }

    public LaunchLimits limits() {
        return limits;
    }
}
