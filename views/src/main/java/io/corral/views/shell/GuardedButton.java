package io.corral.views.shell;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Optional;

/**
 * A button that is disabled with a reason. JavaFX shows no tooltip on a disabled control
 * (it gets no mouse events), so the tooltip sits on a wrapper around the button: hovering a
 * greyed-out Restore or Remove group still says why.
 */
public final class GuardedButton {
    private final Button button;
    private final StackPane node;
    private final Tooltip tooltip = new Tooltip();
    private final String title;
    private final String help;

    /** A button with a text (or none), whose tooltip is {@code help} or "Unavailable: reason". */
    public GuardedButton(String id, String text, Ikon icon, String help, Runnable action) {
        this(id, text, icon, "", help, action);
    }

    /** As above, with a first tooltip line that stays (the action's name and shortcut). */
    public GuardedButton(String id, String text, Ikon icon, String title, String help, Runnable action) {
        this.title = title;
        this.help = help;
        button = new Button(text, icon == null ? null : new FontIcon(icon));
        button.setId(id);
        button.setOnAction(e -> action.run());
        node = new StackPane(button);
        node.setId(id + "-box");
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        refuse(Optional.empty());
    }

    /** Enables the button, or disables it with the reason (shown as its tooltip). */
    public void refuse(Optional<String> reason) {
        button.setDisable(reason.isPresent());
        tooltip.setText((title.isEmpty() ? "" : title + "\n") + reason.map(r -> "Unavailable: " + r).orElse(help));
        // On the button while it is enabled (a tooltip on the wrapper does not show over an
        // enabled button), on the wrapper while it is disabled.
        if (reason.isPresent()) {
            button.setTooltip(null);
            Tooltip.install(node, tooltip);
        } else {
            Tooltip.uninstall(node, tooltip);
            button.setTooltip(tooltip);
        }
    }

    public Button button() {
        return button;
    }

    /** What goes into a layout or tool bar. */
    public StackPane node() {
        return node;
    }

    public String tooltipText() {
        return tooltip.getText();
    }

    /**
     * The tooltip text a guarded button shows now, found from the button alone (on the button
     * while enabled, on its wrapper while disabled); empty for a button without one.
     */
    public static Optional<String> tooltipOf(Button b) {
        if (b.getTooltip() != null) {
            return Optional.of(b.getTooltip().getText());
        }
        return Optional.ofNullable(b.getParent()).flatMap(p -> p.getProperties().values().stream()
                .filter(v -> v instanceof Tooltip).map(v -> ((Tooltip) v).getText()).findFirst());
    }
}
