package io.corral.views.namespaces;

import io.corral.model.input.InvalidInputException;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapEditability;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.IdMapRange;
import io.corral.model.namespace.Namespace;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One map of a user namespace as a table in the order of the file, {@code uid_map(5)}'s
 * "ID-inside-ns ID-outside-ns length" (inside id, host id, count). Editable only while
 * the kernel would still take the map; otherwise read-only, with the reason shown.
 */
public final class IdMapEditor extends VBox {
    /** One editable row; text until written, so a half-typed number is not lost. */
    public static final class Row {
        final SimpleStringProperty host;
        final SimpleStringProperty inside;
        final SimpleStringProperty count;

        Row(String host, String inside, String count) {
            this.host = new SimpleStringProperty(host);
            this.inside = new SimpleStringProperty(inside);
            this.count = new SimpleStringProperty(count);
        }
    }

    private final IdMapKind kind;
    private final NamespaceViewModel model;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final TableView<Row> table = new TableView<>(rows);
    private final Label reason = new Label();
    private final Label status = new Label();
    private final Button add = new Button("Add range");
    private final Button remove = new Button("Remove");
    private final Button write = new Button();
    private Namespace shown;

    public IdMapEditor(IdMapKind kind, NamespaceViewModel model) {
        this.kind = kind;
        this.model = model;
        setId(kind.file().replace('_', '-') + "-editor");
        setSpacing(4);
        setPadding(new Insets(4, 0, 4, 0));
        table.setId(kind.file().replace('_', '-') + "-table");
        table.setPrefHeight(120);
        table.setPlaceholder(new Label("no ranges: " + kind.file() + " is empty"));
        table.getColumns().add(column("inside id", r -> r.inside));
        table.getColumns().add(column("host id", r -> r.host));
        table.getColumns().add(column("count", r -> r.count));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        add.setId(kind.file().replace('_', '-') + "-add");
        remove.setId(kind.file().replace('_', '-') + "-remove");
        write.setId(kind.file().replace('_', '-') + "-write");
        write.setText("Write " + kind.file());
        write.setMnemonicParsing(false); // keep the underscore of uid_map
        add.setOnAction(e -> {
            rows.add(new Row("", "0", "1"));
            table.getSelectionModel().selectLast();
        });
        remove.setOnAction(e -> {
            Row r = table.getSelectionModel().getSelectedItem();
            if (r != null) {
                rows.remove(r);
            }
        });
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        write.setOnAction(e -> write());
        reason.setId(kind.file().replace('_', '-') + "-reason");
        reason.setWrapText(true);
        status.setId(kind.file().replace('_', '-') + "-status");
        status.setWrapText(true);
        getChildren().addAll(new Label(kind.file()), table, new HBox(6, add, remove, write), reason, status);
    }

    private static TableColumn<Row, String> column(String title, java.util.function.Function<Row, SimpleStringProperty> f) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> f.apply(cd.getValue()));
        c.setCellFactory(TextFieldTableCell.forTableColumn());
        c.setOnEditCommit(e -> f.apply(e.getRowValue()).set(e.getNewValue().trim()));
        return c;
    }

    /** Shows a namespace's map; keeps unsaved rows while the same unwritten map is shown again. */
    public void show(Namespace ns) {
        boolean same = shown != null && shown.id().equals(ns.id());
        Optional<String> whyNot = IdMapEditability.whyNot(ns, kind, model.privileged());
        Optional<IdMap> map = ns.user().flatMap(u -> u.map(kind));
        boolean editable = whyNot.isEmpty();
        if (!same || !editable) {
            rows.clear();
            map.ifPresent(m -> m.ranges().forEach(r -> rows.add(new Row(Long.toString(r.outside()),
                    Long.toString(r.inside()), Long.toString(r.count())))));
            if (!same) {
                status.setText("");
            }
        }
        shown = ns;
        table.setEditable(editable);
        add.setDisable(!editable);
        remove.setVisible(editable);
        write.setDisable(!editable);
        reason.setText(whyNot.map(r -> "Not editable: " + r).orElse(
                "Not yet written: add ranges, then write the whole map at once (the kernel takes it only once)."));
    }

    /** The rows as a validated map; each cell is checked on its own, so the message names it. */
    IdMap map() throws InvalidInputException {
        List<IdMapRange> ranges = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            ranges.add(new IdMapRange(number(r.inside.get(), i + 1, "inside id"), number(r.host.get(), i + 1, "host id"),
                    number(r.count.get(), i + 1, "count")));
        }
        return IdMap.of(ranges);
    }

    private static long number(String text, int row, String what) throws InvalidInputException {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException(t, "row " + row + ": " + what + " \"" + t + "\" is not a decimal number");
        }
        return Long.parseLong(t);
    }

    private void write() {
        if (shown == null) {
            return;
        }
        IdMap map;
        try {
            map = map();
        } catch (InvalidInputException e) {
            status.setText(e.getMessage());
            return;
        }
        if (map.isEmpty()) {
            status.setText("add at least one range");
            return;
        }
        long pid = IdMapEditability.writerPid(shown).orElseThrow();
        write.setDisable(true);
        status.setText("writing " + kind.file() + "...");
        model.submitter().submit(pid, kind, map).whenComplete((ok, error) -> Platform.runLater(() -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                status.setText(cause.getMessage());
                write.setDisable(false);
            } else {
                status.setText(kind.file() + " written");
            }
        }));
    }

    /** For tests: the rows as (host, inside, count) text triples. */
    List<List<String>> rowsText() {
        return rows.stream().map(r -> List.of(r.inside.get(), r.host.get(), r.count.get())).toList();
    }
}
