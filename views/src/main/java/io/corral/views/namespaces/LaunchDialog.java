package io.corral.views.namespaces;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ScrollPane;

import java.util.List;

/** "Launch...": the {@link LaunchForm} in a dialog whose Launch button is enabled only for a valid form. */
public final class LaunchDialog extends Dialog<LaunchRequest> {
    public static final ButtonType LAUNCH = new ButtonType("Launch", ButtonBar.ButtonData.OK_DONE);
    private final LaunchForm form;

    public LaunchDialog(List<String> groups, String initialGroup) {
        form = new LaunchForm(groups, initialGroup);
        setTitle("Launch a command");
        setHeaderText("Start a command inside a group, in new namespaces. Its output goes to a log file.");
        setResizable(true);
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(560);
        scroll.setPrefViewportWidth(640);
        getDialogPane().setContent(scroll);
        getDialogPane().getButtonTypes().addAll(LAUNCH, ButtonType.CANCEL);
        getDialogPane().lookupButton(LAUNCH).disableProperty()
                .bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> form.request().isEmpty(),
                        form.requestProperty()));
        setResultConverter(b -> b == LAUNCH ? form.request().orElse(null) : null);
    }

    public LaunchForm form() {
        return form;
    }
}
