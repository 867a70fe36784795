package io.corral.views.checkpoint;

import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;

import java.util.function.BooleanSupplier;

/**
 * The buttons of a dialog that runs one long CRIU operation: the start button runs it
 * without closing the dialog, and while it runs, Close (or the window's close box) cancels
 * it instead of closing.
 */
final class RunControls {
    private RunControls() {
    }

    static void wire(Dialog<?> dialog, ButtonType start, String idPrefix, Runnable onStart,
                     BooleanSupplier running, ProgressLine progress) {
        Node startButton = dialog.getDialogPane().lookupButton(start);
        startButton.setId(idPrefix + "-start");
        startButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            onStart.run();
        });
        Node close = dialog.getDialogPane().lookupButton(ButtonType.CLOSE);
        close.setId(idPrefix + "-close");
        close.addEventFilter(ActionEvent.ACTION, e -> {
            if (running.getAsBoolean()) {
                e.consume();
                progress.cancel();
            }
        });
        dialog.setOnCloseRequest(e -> {
            if (running.getAsBoolean()) {
                e.consume();
                progress.cancel();
            }
        });
    }
}
