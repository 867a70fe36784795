package io.corral.views.limits;

import io.corral.model.command.GroupRef;
import io.corral.styles.Styles;
import io.corral.views.state.ConsoleState;
import io.corral.views.state.GroupRow;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Optional;

/**
 * The limits editor, read-only with the reason when this user may not change the selected
 * group's limits (the privilege verdict: not root, not a group of a delegated subtree, or the
 * delegated root itself whose files stay with whoever delegated it).
 */
public final class LimitsReadOnly {
    private LimitsReadOnly() {
    }

    public static Node guard(Node editor, ConsoleState state) {
        Label banner = new Label();
        banner.setId("limits-read-only");
        banner.setWrapText(true);
        banner.getStyleClass().add(Styles.REFUSED_TEXT);
        VBox box = new VBox(4, banner, editor);
        VBox.setVgrow(editor, Priority.ALWAYS);
        Runnable update = () -> {
            Optional<String> why = refusal(state, state.selection().groupRow().get());
            banner.setText(why.map(r -> "Read-only: " + r).orElse(""));
            banner.setVisible(why.isPresent());
            banner.setManaged(why.isPresent());
            editor.setDisable(why.isPresent());
        };
        state.selection().groupRow().addListener((o, was, now) -> update.run());
        state.frameProperty().addListener((o, was, now) -> update.run());
        update.run();
        return box;
    }

    /**
     * A limit file of the group stands for all: {@code cgroup.max.descendants} (v2) and
     * {@code notify_on_release} (v1) exist in every group and belong to whoever owns its
     * limit files (root for a delegated subtree's own root).
     */
    static Optional<String> refusal(ConsoleState state, Optional<GroupRow> g) {
        if (g.isEmpty()) {
            return Optional.empty();
        }
        return state.frame().flatMap(f -> f.hierarchy(g.get().key().hierarchyId()).flatMap(h -> {
            GroupRef ref = new GroupRef(h.hierarchy(), g.get().key().path());
            return f.host().privileges().refuseConfigure(ref, ref.isV2() ? "cgroup.max.descendants" : "notify_on_release");
        }));
    }
}
