package io.corral.views.tree;

import io.corral.model.cgroup.CgroupVersion;
import io.corral.styles.Styles;
import io.corral.views.state.GroupRow;
import io.corral.views.state.GroupType;
import io.corral.views.state.Units;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

import java.util.OptionalLong;
import java.util.function.Function;

/** The columns of the group tree; every cell renders one field of the row's {@link GroupRow}. */
final class GroupColumns {
    static final String FROZEN_TIP = "Frozen: the freezer stopped every task of this group (v2 cgroup.freeze, "
            + "v1 freezer.state). Tasks stay stopped, also against SIGKILL delivery, until the group is thawed.";
    static final String THREADED_TIP = "Threaded: a cgroup2 group of cgroup.type \"threaded\" holds threads, "
            + "not whole processes; only threaded controllers (cpu, cpuset, pids, perf_event) apply.";

    private GroupColumns() {
    }

    static TreeTableColumn<GroupRow, GroupRow> name(Function<String, String> hierarchyLabel) {
        TreeTableColumn<GroupRow, GroupRow> c = new TreeTableColumn<>("Group");
        c.setId("col-name");
        c.setPrefWidth(240);
        c.setMinWidth(200); // names first: the numbers scroll sideways before a name is cut to "corral-te…"
        c.setCellValueFactory(p -> p.getValue().valueProperty());
        c.setCellFactory(col -> new NameCell(hierarchyLabel));
        c.setSortable(false);
        return c;
    }

    /** A column of the group's own readings (usage, limits, state): "reading…" while only its name is known. */
    static TreeTableColumn<GroupRow, GroupRow> text(String title, String tip, double width,
                                                    Function<GroupRow, String> text,
                                                    Function<GroupRow, String> styleClass) {
        return text(title, tip, width, GroupRow::groupKnown, text, styleClass);
    }

    /** @param known whether the row's value for this column is read yet (else "reading…") */
    static TreeTableColumn<GroupRow, GroupRow> text(String title, String tip, double width,
                                                    java.util.function.Predicate<GroupRow> known,
                                                    Function<GroupRow, String> text,
                                                    Function<GroupRow, String> styleClass) {
        TreeTableColumn<GroupRow, GroupRow> c = new TreeTableColumn<>();
        Label header = new Label(title);
        if (tip != null) {
            header.setTooltip(tooltip(tip));
        }
        c.setGraphic(header);
        c.setId("col-" + title.toLowerCase().replace(' ', '-').replace("%", "pct"));
        c.setPrefWidth(width);
        c.setMinWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(p -> p.getValue().valueProperty());
        c.setCellFactory(col -> new TreeTableCell<>() {
            {
                getStyleClass().add(Styles.NUMERIC);
            }

            @Override
            protected void updateItem(GroupRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    stateClass(this, null, Styles.LIMIT_EXCEEDED, Styles.LIMIT_NEAR, Styles.FROZEN);
                    return;
                }
                boolean read = known.test(row);
                setText(read ? text.apply(row) : Units.READING);
                stateClass(this, styleClass == null || !read ? null : styleClass.apply(row),
                        Styles.LIMIT_EXCEEDED, Styles.LIMIT_NEAR, Styles.FROZEN);
            }
        });
        return c;
    }

    /**
     * Leaves exactly {@code wanted} (or none) of {@code states} on the node, touching the style
     * class list only when that changes: every edit of it makes CSS run again on the cell.
     */
    static void stateClass(javafx.scene.Node node, String wanted, String... states) {
        var classes = node.getStyleClass();
        for (String s : states) {
            if (!s.equals(wanted) && classes.contains(s)) {
                classes.remove(s);
            }
        }
        if (wanted != null && !classes.contains(wanted)) {
            classes.add(wanted);
        }
    }

    private static final java.util.Map<String, Tooltip> TOOLTIPS = new java.util.HashMap<>();

    /** One tooltip per text, shared by the cells (FX thread only): no Tooltip per cell update. */
    static Tooltip sharedTooltip(String text) {
        return TOOLTIPS.computeIfAbsent(text, GroupColumns::tooltip);
    }

    static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        t.setShowDelay(Duration.millis(400));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }

    /** LIMIT_EXCEEDED at or above the limit, LIMIT_NEAR above 80 %. */
    static String usageClass(OptionalLong current, OptionalLong limit) {
        if (current.isEmpty() || limit.isEmpty() || limit.getAsLong() <= 0) {
            return null;
        }
        double ratio = (double) current.getAsLong() / limit.getAsLong();
        return ratio >= 1 ? Styles.LIMIT_EXCEEDED : ratio > 0.8 ? Styles.LIMIT_NEAR : null;
    }

    static String freezeText(GroupRow g) {
        return g.freeze().map(f -> switch (f) {
            case FROZEN -> "frozen";
            case FREEZING -> "freezing";
            case THAWED -> "";
        }).orElse(Units.ABSENT);
    }

    /** Group name with an icon for its state. */
    private static final class NameCell extends TreeTableCell<GroupRow, GroupRow> {
        private final FontIcon icon = new FontIcon();
        private final Function<String, String> hierarchyLabel;

        NameCell(Function<String, String> hierarchyLabel) {
            this.hierarchyLabel = hierarchyLabel;
            icon.setIconSize(16);
        }

        @Override
        protected void updateItem(GroupRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                stateClass(this, null, Styles.FROZEN, Styles.HIERARCHY_ROW);
                return;
            }
            String tip = null;
            String cellClass = null;
            String iconClass = null;
            if (row.isRoot()) {
                String hierarchy = hierarchyLabel.apply(row.key().hierarchyId());
                setText(hierarchy);
                cellClass = Styles.HIERARCHY_ROW;
                icon.setIconCode(row.version() == CgroupVersion.V2 ? Material2AL.ACCOUNT_TREE : Material2AL.DNS);
                iconClass = Styles.ACCENT;
                tip = row.version() == CgroupVersion.V2
                        ? "The cgroup2 unified hierarchy: one tree for every v2 controller. "
                          + "Controllers reach a group only if its parent lists them in cgroup.subtree_control."
                        : "A cgroup v1 hierarchy with controllers " + hierarchy
                          + ". Each v1 hierarchy is a separate tree: a process is in one group of each.";
            } else if (row.frozenOrFreezing()) {
                setText(row.name());
                icon.setIconCode(Material2AL.AC_UNIT);
                iconClass = Styles.FROZEN;
                cellClass = Styles.FROZEN;
                tip = FROZEN_TIP;
            } else if (row.type() == GroupType.THREADED || row.type() == GroupType.DOMAIN_THREADED) {
                setText(row.name());
                icon.setIconCode(Material2AL.LAYERS);
                tip = THREADED_TIP;
            } else if (row.systemdUnit()) {
                setText(row.name());
                icon.setIconCode(Material2MZ.SETTINGS_APPLICATIONS);
                iconClass = Styles.MUTED;
                tip = row.delegated() ? "A systemd unit that delegates its subtree (Delegate=yes)."
                        : "A systemd unit: while systemd runs as PID 1 it owns this group and moves "
                          + "tasks back that others put here (no Delegate=yes).";
            } else {
                setText(row.name());
                icon.setIconCode(Material2AL.FOLDER);
                iconClass = Styles.MUTED;
            }
            stateClass(this, cellClass, Styles.FROZEN, Styles.HIERARCHY_ROW);
            stateClass(icon, iconClass, Styles.FROZEN, Styles.MUTED, Styles.ACCENT);
            setGraphic(icon);
            setTooltip(tip == null ? null : sharedTooltip(tip));
        }
    }
}
