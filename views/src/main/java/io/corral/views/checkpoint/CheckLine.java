package io.corral.views.checkpoint;

import io.corral.styles.Styles;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** One pre-flight check in the dialog: a mark (passed, warning, blocks), a title and the detail. */
final class CheckLine extends HBox {
    enum Mark { PASSED, WARNING, BLOCKS }

    private final FontIcon icon = new FontIcon();
    private final Label title = new Label();
    private final Label detail = new Label();
    private Mark mark = Mark.PASSED;

    CheckLine(String id, String titleText) {
        super(8);
        setId(id);
        getStyleClass().add("check-line");
        title.setText(titleText);
        title.setStyle("-fx-font-weight: bold;");
        detail.setId(id + "-detail");
        detail.setWrapText(true);
        detail.setPrefWidth(580);
        detail.setMaxWidth(580);
        // A wrapped label gets the height of its lines only if it may not shrink below its preference.
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().setAll(icon, new VBox(1, title, detail));
    }

    void set(Mark m, String text) {
        mark = m;
        icon.setIconCode(switch (m) {
            case PASSED -> Material2AL.CHECK_CIRCLE;
            case WARNING -> Material2MZ.WARNING;
            case BLOCKS -> Material2AL.ERROR;
        });
        icon.getStyleClass().removeAll(Styles.APPLIED_TEXT, Styles.WARNING_TEXT, Styles.REFUSED_TEXT);
        icon.getStyleClass().add(switch (m) {
            case PASSED -> Styles.APPLIED_TEXT;
            case WARNING -> Styles.WARNING_TEXT;
            case BLOCKS -> Styles.REFUSED_TEXT;
        });
        detail.setText(text);
    }

    Mark mark() {
        return mark;
    }

    String detail() {
        return detail.getText();
    }
}
