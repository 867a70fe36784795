package io.corral.views.namespaces;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.namespace.IdMapKind;
import io.corral.model.namespace.Namespace;
import io.corral.model.namespace.NamespaceId;
import io.corral.model.namespace.NamespaceSnapshot;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.namespace.ProcessNamespaces;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The selected namespace: what it is, its processes (with their PIDs inside, for a pid
 * namespace), its id maps (user namespaces; editable while unwritten) and the groups its
 * processes are in.
 */
public final class NamespaceDetailsPane extends VBox {
    /** A process row. */
    public record ProcessRow(long pid, String inside, String name) {
    }

    private final NamespaceViewModel model;
    private final Label title = new Label("Select a namespace");
    private final Label relations = new Label();
    private final TableView<ProcessRow> processes = new TableView<>();
    private final ListView<String> groups = new ListView<>();
    private final IdMapEditor uidMap;
    private final IdMapEditor gidMap;
    private final TitledPane maps;
    private final Label processesLabel = new Label("Processes");
    /** Only a PID namespace gives its processes other numbers inside. */
    private final TableColumn<ProcessRow, String> pidInside;
    private final Label groupsLabel = new Label("Groups its processes are in");

    public NamespaceDetailsPane(NamespaceViewModel model) {
        this.model = model;
        setId("namespace-details");
        setSpacing(6);
        setPadding(new Insets(8));
        title.setId("namespace-title");
        title.setStyle("-fx-font-weight: bold");
        relations.setId("namespace-relations");
        relations.setWrapText(true);
        relations.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        processes.setId("namespace-processes");
        processes.setPrefHeight(160);
        processes.setPlaceholder(new Label("no process is in this namespace"));
        processes.getColumns().add(column("PID", r -> Long.toString(r.pid())));
        pidInside = column("PID inside", ProcessRow::inside);
        processes.getColumns().add(pidInside);
        processes.getColumns().add(column("Command", ProcessRow::name));
        processes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        groups.setId("namespace-groups");
        groups.setPrefHeight(100);
        groups.setPlaceholder(new Label("no groups"));
        uidMap = new IdMapEditor(IdMapKind.UID, model);
        gidMap = new IdMapEditor(IdMapKind.GID, model);
        maps = new TitledPane("ID maps", new VBox(6, uidMap, gidMap));
        maps.setId("namespace-maps");
        maps.setCollapsible(false);
        getChildren().addAll(title, relations, processesLabel, processes, maps, groupsLabel, groups);
        model.selectedNamespace().addListener((obs, old, ns) -> show(ns));
        show(model.selectedNamespace().get());
    }

    private void showSections(boolean shown) {
        for (javafx.scene.Node n : List.of(processesLabel, processes, groupsLabel, groups)) {
            n.setVisible(shown);
            n.setManaged(shown);
        }
        if (!shown) {
            maps.setVisible(false);
            maps.setManaged(false);
        }
    }

    private static TableColumn<ProcessRow, String> column(String title, java.util.function.Function<ProcessRow, String> f) {
        TableColumn<ProcessRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    private void show(Optional<Namespace> selected) {
        if (selected.isEmpty()) {
            title.setText(model.selectedProperty().get() == null ? "Select a namespace"
                    : model.selectedProperty().get() + " is gone");
            relations.setText(model.selectedProperty().get() == null
                    ? "Its processes (with their PIDs inside a PID namespace), the groups they are in and, for a"
                    + " user namespace, its uid and gid maps will show here."
                    : "");
            processes.getItems().clear();
            groups.getItems().clear();
            // Nothing selected: no empty tables saying "no process is in this namespace".
            showSections(false);
            return;
        }
        showSections(true);
        Namespace ns = selected.get();
        NamespaceSnapshot snap = model.snapshot();
        title.setText(ns.id().toString());
        relations.setText(describe(ns, snap));
        List<ProcessRow> rows = new ArrayList<>();
        for (long pid : ns.pids()) {
            ProcessNamespaces p = snap.processes().get(pid);
            String inside = ns.type() == NamespaceType.PID && ns.insidePids().containsKey(pid)
                    ? Long.toString(ns.insidePids().get(pid)) : "";
            rows.add(new ProcessRow(pid, inside, p == null ? "" : p.name()));
        }
        processes.setItems(FXCollections.observableArrayList(rows));
        pidInside.setVisible(ns.type() == NamespaceType.PID);
        List<String> g = new ArrayList<>();
        ns.groups().forEach((h, paths) -> {
            for (GroupPath path : paths) {
                g.add(h + ":" + path);
            }
        });
        groups.setItems(FXCollections.observableArrayList(g));
        boolean user = ns.type() == NamespaceType.USER;
        maps.setVisible(user);
        maps.setManaged(user);
        if (user) {
            uidMap.show(ns);
            gidMap.show(ns);
        }
    }

    static String describe(Namespace ns, NamespaceSnapshot snap) {
        List<String> parts = new ArrayList<>();
        parts.add(ns.type().procName() + " namespace: " + ns.type().explanation());
        // A user namespace's owner is its parent: said once, as the parent.
        ns.owner().filter(o -> !(ns.type() == NamespaceType.USER && ns.parent().equals(Optional.of(o))))
                .ifPresentOrElse(o -> parts.add("owned by " + o), () -> {
                    if (ns.owner().isEmpty()) {
                        parts.add(ns.type() == NamespaceType.USER ? "the initial user namespace" : "owner not visible");
                    }
                });
        ns.parent().ifPresent(p -> parts.add("parent " + p));
        ns.user().ifPresent(u -> u.ownerUid().ifPresent(uid -> parts.add("created by uid " + uid)));
        ns.user().flatMap(u -> u.setgroups()).ifPresent(s -> parts.add("setgroups " + s));
        if (!ns.pidsForChildren().isEmpty()) {
            parts.add("children of " + ns.pidsForChildren() + " will start in it");
        }
        List<NamespaceId> nested = snap.children(ns.id()).stream().map(Namespace::id).toList();
        if (!nested.isEmpty()) {
            parts.add(nested.size() + " nested");
        }
        return String.join("\n", parts);
    }

    /** For tests and embedding. */
    public TableView<ProcessRow> processTable() {
        return processes;
    }

    public IdMapEditor uidMapEditor() {
        return uidMap;
    }

    public IdMapEditor gidMapEditor() {
        return gidMap;
    }
}
