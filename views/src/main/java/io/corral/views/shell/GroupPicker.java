package io.corral.views.shell;

import io.corral.styles.Themes;
import io.corral.views.state.ConsoleFrame;
import io.corral.model.sample.GroupKey;
import io.corral.views.state.GroupRow;
import io.corral.views.state.HierarchyFrame;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * "Move to group…": the keyboard way to move tasks. A search field over every group of the
 * source hierarchy; each entry shows whether the move is allowed and why not, as a drop would.
 */
public final class GroupPicker extends Dialog<GroupKey> {
    /** One entry: the group and the verdict text shown next to it. */
    record Choice(GroupRow group, boolean allowed, String note) {
    }

    private final TextField search = new TextField();
    private final ListView<Choice> list = new ListView<>();

    public GroupPicker(Window owner, Themes.Theme theme, ConsoleFrame frame, String hierarchyId,
                       Function<GroupRow, Optional<String>> refusal) {
        initOwner(owner);
        setTitle("Move to group");
        setHeaderText("Move the selected tasks to\u2026");
        getDialogPane().getStylesheets().setAll(Themes.stylesheets(theme));
        List<Choice> choices = new ArrayList<>();
        frame.hierarchy(hierarchyId).map(HierarchyFrame::groups).orElse(List.of()).stream()
                .sorted((a, b) -> a.key().path().compareTo(b.key().path()))
                .forEach(g -> {
                    Optional<String> why = refusal.apply(g);
                    choices.add(new Choice(g, why.isEmpty(), why.orElse("")));
                });
        FilteredList<Choice> filtered = new FilteredList<>(FXCollections.observableArrayList(choices));
        search.setId("group-picker-search");
        search.setPromptText("Type part of a group path");
        search.textProperty().addListener((o, was, now) -> {
            String n = now.strip().toLowerCase(Locale.ROOT);
            filtered.setPredicate(c -> n.isEmpty() || c.group().key().path().toString().toLowerCase(Locale.ROOT).contains(n));
            selectFirstAllowed();
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN) {
                list.requestFocus();
            }
        });
        list.setId("group-picker-list");
        list.setItems(filtered);
        list.setPrefSize(560, 360);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Choice c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                    setText(null);
                    setDisable(false);
                    return;
                }
                setText(c.group().key().path() + (c.allowed() ? "" : "    \u2014 " + c.note()));
                setDisable(!c.allowed());
                setOpacity(c.allowed() ? 1 : 0.55);
            }
        });
        Label hint = new Label("Hierarchy " + hierarchyId + " \u00b7 groups that would refuse the tasks are greyed out");
        getDialogPane().setContent(new VBox(8, search, list, hint));
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
                list.getSelectionModel().selectedItemProperty().isNull());
        setResultConverter(b -> b == ButtonType.OK && list.getSelectionModel().getSelectedItem() != null
                && list.getSelectionModel().getSelectedItem().allowed()
                ? list.getSelectionModel().getSelectedItem().group().key() : null);
        // After the dialog has given focus to its default button: the user types at once.
        setOnShown(e -> javafx.application.Platform.runLater(search::requestFocus));
        selectFirstAllowed();
    }

    private void selectFirstAllowed() {
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).allowed()) {
                list.getSelectionModel().select(i);
                return;
            }
        }
        list.getSelectionModel().clearSelection();
    }
}
