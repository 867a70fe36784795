package io.corral.views.shell;

import io.corral.styles.Styles;
import io.corral.views.actions.ActionReport;
import io.corral.views.actions.UndoHistory;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.List;

/**
 * The strip above the status bar that reports what the last command did: the summary, the
 * details (moved / exited / refused with reasons), an Undo button while the history has
 * something to undo, and a close button. Hidden until the first report.
 */
public final class NotificationArea extends HBox {
    private static final int MAX_DETAIL_LINES = 6;
    private final Label title = new Label();
    private final Label details = new Label();
    private final FontIcon icon = new FontIcon();
    private final Button undo = new Button("Undo");
    private ActionReport last;

    public NotificationArea(UndoHistory history, Runnable undoAction) {
        setId("notification-area");
        getStyleClass().add(Styles.NOTIFICATION_AREA);
        title.setId("notification-title");
        title.getStyleClass().add(Styles.TITLE);
        details.setId("notification-details");
        details.setWrapText(true);
        icon.setIconSize(18);
        undo.setId("notification-undo");
        undo.setGraphic(new FontIcon(Material2MZ.UNDO));
        undo.setOnAction(e -> undoAction.run());
        undo.visibleProperty().bind(history.emptyProperty().not());
        undo.managedProperty().bind(undo.visibleProperty());
        Button close = new Button();
        close.setGraphic(new FontIcon(Material2AL.CLOSE));
        close.setId("notification-close");
        close.setOnAction(e -> setShown(false));
        VBox text = new VBox(2, title, details);
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().setAll(icon, text, undo, close);
        setShown(false);
    }

    public void show(ActionReport r) {
        last = r;
        getStyleClass().removeAll(Styles.APPLIED, Styles.PARTIAL, Styles.REJECTED);
        icon.getStyleClass().removeAll(Styles.APPLIED_TEXT, Styles.WARNING_TEXT, Styles.REFUSED_TEXT);
        switch (r.outcome()) {
            case APPLIED -> {
                getStyleClass().add(Styles.APPLIED);
                icon.setIconCode(Material2AL.CHECK_CIRCLE);
                icon.getStyleClass().add(Styles.APPLIED_TEXT);
            }
            case PARTIAL -> {
                getStyleClass().add(Styles.PARTIAL);
                icon.setIconCode(Material2MZ.WARNING);
                icon.getStyleClass().add(Styles.WARNING_TEXT);
            }
            case REJECTED -> {
                getStyleClass().add(Styles.REJECTED);
                icon.setIconCode(Material2AL.ERROR);
                icon.getStyleClass().add(Styles.REFUSED_TEXT);
            }
        }
        title.setText(r.summary());
        List<String> lines = r.details();
        String text = String.join("\n", lines.subList(0, Math.min(lines.size(), MAX_DETAIL_LINES)));
        if (lines.size() > MAX_DETAIL_LINES) {
            text += "\n\u2026 and " + (lines.size() - MAX_DETAIL_LINES) + " more";
        }
        details.setText(text);
        details.setVisible(!text.isEmpty());
        details.setManaged(!text.isEmpty());
        setShown(true);
    }

    /** The report on display (for tests and the status line). */
    public ActionReport last() {
        return last;
    }

    public String titleText() {
        return title.getText();
    }

    public String detailText() {
        return details.getText();
    }

    private void setShown(boolean shown) {
        setVisible(shown);
        setManaged(shown);
    }
}
