package io.corral.views.limits;

import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import javafx.collections.MapChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * One knob in the editor: its name (the tooltip names the kernel file and explains it),
 * its controls, the effective limit when an ancestor's is tighter, and the kernel's answer
 * to the last change. Subclasses build the controls and show values.
 */
abstract class LimitRow extends VBox {
    protected final Knob knob;
    protected final LimitsEditorModel model;
    protected final Label name = new Label();
    private final Label effective = new Label();
    private final Label status = new Label();
    private final MapChangeListener<Knob, KnobStatus> statusListener = c -> {
        if (c.getKey() == knob()) {
            showStatus();
        }
    };

    LimitRow(Knob knob, LimitsEditorModel model) {
        this.knob = knob;
        this.model = model;
        getStyleClass().add("limit-row");
        name.getStyleClass().add("knob-name");
        name.setText(KnobTexts.label(knob));
        name.setMinWidth(92);
        name.setPrefWidth(92);
        effective.getStyleClass().add("effective-limit");
        effective.setWrapText(true);
        status.getStyleClass().add("knob-status");
        status.setWrapText(true);
        model.statuses().addListener(statusListener);
    }

    Knob knob() {
        return knob;
    }

    /** Adds the effective and status lines under the controls (call at the end of construction). */
    protected void addNotes() {
        effective.setManaged(false);
        effective.setVisible(false);
        status.setManaged(false);
        status.setVisible(false);
        getChildren().addAll(effective, status);
    }

    /** Puts a node under the controls, aligned with them (after the name column). */
    protected static javafx.scene.Node indented(javafx.scene.Node n) {
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(n);
        box.getStyleClass().add("indented");
        javafx.scene.layout.HBox.setHgrow(n, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    /** Shows a refresh; {@code force} replaces what the user has typed (group change, revert). */
    final void update(KnobState state, LimitsInput input, boolean force) {
        name.setTooltip(new Tooltip(KnobTexts.explain(knob) + "\nFile: " + state.file()));
        if (force || !isEditing()) {
            show(state, input);
        }
        showUsage(input);
        showEffective(state);
        showStatus();
    }

    /** Shows the kernel's value. */
    protected abstract void show(KnobState state, LimitsInput input);

    /** Updates usage displays (limit bars); called on every refresh. */
    protected void showUsage(LimitsInput input) {
    }

    /** True while the user is typing or dragging, or an edit of this knob waits to be sent. */
    protected abstract boolean isEditing();

    protected boolean waiting() {
        return model.hasQueued(knob) || model.pending().containsKey(knob);
    }

    private void showEffective(KnobState state) {
        boolean show = state.tighter().isPresent();
        effective.setVisible(show);
        effective.setManaged(show);
        state.tighter().ifPresent(a -> effective.setText("effective " + KnobTexts.format(knob, a.value())
                + ", set by " + a.path() + " (this group's own: " + state.value().map(v -> KnobTexts
                .format(knob, v)).orElse("?") + ")"));
    }

    private void showStatus() {
        KnobStatus s = model.statuses().get(knob);
        status.getStyleClass().removeIf(c -> c.startsWith("status-"));
        status.setVisible(s != null);
        status.setManaged(s != null);
        if (s != null) {
            status.setText(s.text());
            status.getStyleClass().add(s.styleClass());
        }
    }

    /** Sends a valid value to the model. */
    protected void edit(LimitValue value) {
        model.edit(knob, value);
    }

    /** Detaches from the model (the row is being discarded). */
    void dispose() {
        model.statuses().removeListener(statusListener);
    }
}
