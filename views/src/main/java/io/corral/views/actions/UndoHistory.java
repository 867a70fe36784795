package io.corral.views.actions;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Optional;

/** Undoable commands, newest last (FX thread). Ctrl+Z and Edit > Undo pop the newest. */
public final class UndoHistory {
    private static final int LIMIT = 50;
    private final ObservableList<ActionReport.Undo> stack = FXCollections.observableArrayList();

    public void push(ActionReport.Undo undo) {
        stack.add(undo);
        if (stack.size() > LIMIT) {
            stack.remove(0);
        }
    }

    public Optional<ActionReport.Undo> pop() {
        return stack.isEmpty() ? Optional.empty() : Optional.of(stack.remove(stack.size() - 1));
    }

    public BooleanBinding emptyProperty() {
        return Bindings.isEmpty(stack);
    }

    /** "Undo move of 3 tasks" for the Edit menu. */
    public StringBinding labelProperty() {
        return Bindings.createStringBinding(
                () -> stack.isEmpty() ? "Undo" : "Undo " + stack.get(stack.size() - 1).description(), stack);
    }

    public int size() {
        return stack.size();
    }
}
