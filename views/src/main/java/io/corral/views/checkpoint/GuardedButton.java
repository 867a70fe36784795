package io.corral.views.checkpoint;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Optional;

/**
 * A button that is disabled with a reason. JavaFX shows no tooltip on a disabled control
 * (it gets no mouse events), so the tooltip sits on a wrapper around the button: hovering a
 * greyed-out Restore still says why.
 */
final class GuardedButton {
    private final Button button;
    private final StackPane node;
    private final Tooltip tooltip = new Tooltip();
    private final String help;

    GuardedButton(String id, String text, Ikon icon, String help, Runnable action) {
        this.help = help;
        button = new Button(text, icon == null ? null : new FontIcon(icon));
        button.setId(id);
        button.setOnAction(e -> action.run());
        node = new StackPane(button);
        node.setId(id + "-box");
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        Tooltip.install(node, tooltip);
        refuse(Optional.empty());
    }

    /** Enables the button, or disables it with the reason (shown as its tooltip). */
    void refuse(Optional<String> reason) {
        button.setDisable(reason.isPresent());
        tooltip.setText(reason.map(r -> "Unavailable: " + r).orElse(help));
    }

    Button button() {
        return button;
    }

    /** What goes into a layout or tool bar. */
    StackPane node() {
        return node;
    }

    String tooltipText() {
        return tooltip.getText();
    }
}
