package io.corral.views.shell;

import io.corral.styles.Styles;
import io.corral.views.actions.ActionReport;
import io.corral.views.actions.BatchProgress;
import io.corral.views.actions.UndoHistory;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
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
    private final Button close = new Button();
    private final ProgressBar bar = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final javafx.beans.property.ObjectProperty<BatchProgress> running =
            new javafx.beans.property.SimpleObjectProperty<>(this, "running");
    private final javafx.beans.property.BooleanProperty busy = new javafx.beans.property.SimpleBooleanProperty(this, "busy");
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
        undo.visibleProperty().bind(history.emptyProperty().not().and(busy.not()));
        undo.managedProperty().bind(undo.visibleProperty());
        close.setGraphic(new FontIcon(Material2AL.CLOSE));
        close.setId("notification-close");
        close.setOnAction(e -> setShown(false));
        bar.setId("notification-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setPrefHeight(14);
        cancel.setId("notification-cancel");
        cancel.setGraphic(new FontIcon(Material2AL.CANCEL));
        cancel.setTooltip(new javafx.scene.control.Tooltip("Stop before the next write: what has moved stays moved, "
                + "and Undo moves it back."));
        cancel.setOnAction(e -> {
            if (running.get() != null) {
                running.get().cancel();
                cancel.setDisable(true);
            }
        });
        VBox text = new VBox(3, title, bar, details);
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().setAll(icon, text, cancel, undo, close);
        setRunning(null);
        setShown(false);
    }

    /**
     * Shows a batch in progress (n of N, the pass, a bar) with a Cancel button until the
     * next report replaces it.
     */
    public void track(BatchProgress p) {
        setRunning(p);
        getStyleClass().removeAll(Styles.APPLIED, Styles.PARTIAL, Styles.REJECTED);
        icon.getStyleClass().removeAll(Styles.APPLIED_TEXT, Styles.WARNING_TEXT, Styles.REFUSED_TEXT);
        icon.setIconCode(Material2MZ.SYNC);
        title.setText(p.title() + "\u2026");
        details.setVisible(true);
        details.setManaged(true);
        setShown(true);
    }

    private void setRunning(BatchProgress p) {
        running.set(p);
        details.textProperty().unbind();
        bar.progressProperty().unbind();
        boolean on = p != null;
        if (on) {
            details.textProperty().bind(p.textProperty());
            bar.progressProperty().bind(p.fractionProperty());
        }
        bar.setVisible(on);
        bar.setManaged(on);
        cancel.setVisible(on);
        cancel.setManaged(on);
        cancel.setDisable(false);
        busy.set(on);
        close.setDisable(on);
    }

    /** The batch on display while one runs (null otherwise). */
    public javafx.beans.property.ReadOnlyObjectProperty<BatchProgress> runningProperty() {
        return running;
    }

    public void show(ActionReport r) {
        setRunning(null);
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
