package io.corral.views.limits;

import io.corral.model.input.InvalidInputException;
import io.corral.model.limit.LimitValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * A text field for one limit value in people's units ({@code 256M}, {@code max}), checked
 * by the model's parser as the user types: refused text gets the {@code :invalid}
 * pseudo-class (red border) and the parser's reason right under the field. A valid value
 * is committed on Enter or when focus leaves; Escape restores the kernel's value.
 * {@code onInvalid} receives the reason for refused text, and {@code null} once the text is
 * valid again.
 */
public final class LimitField extends VBox {
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    /** The model's parser for one knob. */
    @FunctionalInterface
    public interface Parser {
        LimitValue parse(String text) throws InvalidInputException;
    }

    private final TextField field = new TextField();
    private final Label error = new Label();
    private final Parser parser;
    private final Consumer<LimitValue> onCommit;
    private final Consumer<String> onInvalid;
    private String shown = "";

    public LimitField(Parser parser, Consumer<LimitValue> onCommit, Consumer<String> onInvalid) {
        this.parser = parser;
        this.onCommit = onCommit;
        this.onInvalid = onInvalid;
        getStyleClass().add("limit-field");
        field.getStyleClass().add("limit-text");
        field.setPrefColumnCount(7);
        field.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a long reason below must not widen it
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setManaged(false);
        error.setVisible(false);
        field.textProperty().addListener((o, a, text) -> check(text, false));
        field.setOnAction(e -> commit());
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now && !field.getText().equals(shown)) {
                commit();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                show(shown);
            }
        });
        getChildren().addAll(field, error);
    }

    /** Shows the kernel's value (or a slider's), replacing whatever was typed. */
    public void show(String text) {
        shown = text;
        field.setText(text);
        check(text, false);
    }

    /**
     * True while the field holds text the user typed and has not committed: still typing,
     * or refused text left for them to fix. A refresh must not overwrite either.
     */
    public boolean isEditing() {
        return !field.getText().equals(shown);
    }

    public TextField textField() {
        return field;
    }

    /**
     * Takes the reason's label out of this field for the caller to place (a row puts it on
     * a line of its own, where its width cannot push the controls beside the field).
     */
    public Label detachError() {
        getChildren().remove(error);
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    /** The reason shown under the field, empty when the text is valid. */
    public Optional<String> errorText() {
        return error.isVisible() ? Optional.of(error.getText()) : Optional.empty();
    }

    private void commit() {
        check(field.getText(), true).ifPresent(v -> {
            shown = field.getText();
            onCommit.accept(v);
        });
    }

    private Optional<LimitValue> check(String text, boolean report) {
        try {
            LimitValue v = parser.parse(text);
            if (error.isVisible()) {
                onInvalid.accept(null);
            }
            setError(null);
            return Optional.of(v);
        } catch (InvalidInputException e) {
            setError(e.getMessage());
            if (report || !text.equals(shown)) {
                onInvalid.accept(e.getMessage());
            }
            return Optional.empty();
        }
    }

    private void setError(String message) {
        boolean bad = message != null;
        field.pseudoClassStateChanged(INVALID, bad);
        error.setText(bad ? message : "");
        error.setVisible(bad);
        if (!error.managedProperty().isBound()) {
            error.setManaged(bad);
        }
        field.setTooltip(bad ? new Tooltip(message) : null);
    }
}
