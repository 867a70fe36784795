package io.corral.views.namespaces;

import io.corral.model.namespace.NamespaceSnapshot;
import io.corral.styles.Styles;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.GroupRow;
import io.corral.views.state.TaskRow;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import java.util.Comparator;
import java.util.Optional;

/**
 * The task table's view of namespaces, from the console's shared namespace snapshot
 * ({@link ConsoleState#namespaces()}): the Namespaces column ({@link NamespaceSharing}: which
 * types differ from the host's, tooltip with inodes) and a header line saying when the
 * selected group "is a container" (its tasks have namespaces of their own).
 */
public final class NamespaceColumn {
    private NamespaceColumn() {
    }

    /** Fills {@code column} from the shared snapshot; the table redraws when a new one arrives. */
    public static void install(TableColumn<TaskRow, TaskRow> column, ConsoleState state) {
        column.setVisible(true); // the table hides it until a source fills it
        column.setCellFactory(c -> new TableCell<>() {
            // One tooltip per cell, its text changed: a new Tooltip (a popup window) per update
            // was the start-up's most frequent allocation on the FX thread.
            private final Tooltip tip = new Tooltip();

            {
                tip.setWrapText(true);
                tip.setMaxWidth(520);
            }

            @Override
            protected void updateItem(TaskRow t, boolean empty) {
                super.updateItem(t, empty);
                if (empty || t == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                Optional<NamespaceSnapshot> snap = state.namespaces();
                if (snap.isEmpty()) {
                    setText("\u2026");
                    tip.setText("namespaces not read yet (read every few seconds)");
                    setTooltip(tip);
                    return;
                }
                NamespaceSharing s = NamespaceSharing.of(snap.get(), t.pid());
                setText(s.text());
                tip.setText(s.tooltip());
                setTooltip(tip);
            }
        });
        column.setComparator(Comparator.comparing(t -> state.namespaces()
                .map(s -> NamespaceSharing.of(s, t.pid()).text()).orElse("")));
        state.namespacesProperty().addListener((o, was, now) -> {
            if (column.getTableView() != null) {
                column.getTableView().refresh();
            }
        });
    }

    /** "container: own mnt, net, pid namespaces" for the selected group, or empty text. */
    public static Label containerHint(ConsoleState state) {
        Label l = new Label();
        l.setId("task-container-hint");
        l.getStyleClass().add(Styles.PANEL_SUBTITLE);
        Runnable update = () -> {
            String text = containerText(state.namespaces(), state.selection().groupRow().get());
            l.setText(text);
            l.setVisible(!text.isEmpty());
            l.setManaged(!text.isEmpty());
        };
        state.namespacesProperty().addListener((o, was, now) -> update.run());
        state.selection().groupRow().addListener((o, was, now) -> update.run());
        update.run();
        return l;
    }

    static String containerText(Optional<NamespaceSnapshot> snap, Optional<GroupRow> g) {
        if (snap.isEmpty() || g.isEmpty() || g.get().isRoot()) {
            return "";
        }
        String own = NamespaceSharing.groupSummary(snap.get(), g.get().key().hierarchyId(), g.get().key().path());
        if (own.isEmpty()) {
            return "";
        }
        return "A container: its processes have their " + own.substring("own ".length()) + " namespaces "
                + "(not the host's)";
    }
}
