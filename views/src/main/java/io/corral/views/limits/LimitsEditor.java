package io.corral.views.limits;

import io.corral.model.limit.Knob;
import javafx.beans.InvalidationListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The limits of the selected group, every knob its controllers have, in people's units:
 * CPU quota in cores and weight; memory max/high/low/min and swap; pids.max; io per block
 * device; cpuset CPUs and memory nodes. "Live" applies a change once the user pauses;
 * "Review" collects changes as a diff to Apply or Revert. The kernel's answer appears next
 * to each knob; refused text never leaves its field. Reads nothing itself: the main window
 * hands it a {@link LimitsInput} per refresh through {@link LimitsEditorModel#setInput}.
 */
public final class LimitsEditor extends BorderPane {
    public static final String STYLE_CLASS = "limits-editor";
    private final LimitsEditorModel model;
    private final Label title = new Label("Limits");
    static final String SELECT = "Select a group to see and tune its limits.";
    static final String READING = "Reading this group's limits\u2026 (the console's first reading comes in phases)";
    private final Label placeholder = new Label(SELECT);
    private final VBox sections = new VBox(10);
    private final VBox diff = new VBox(2);
    private final Button apply = new Button("Apply");
    private final Button revert = new Button("Revert");
    private final VBox reviewBar;
    private final PressureGauge cpuPressure = new PressureGauge("cpu");
    private final PressureGauge memoryPressure = new PressureGauge("memory");
    private final PressureGauge ioPressure = new PressureGauge("io");
    private final javafx.scene.layout.FlowPane pressureRow;
    private final Map<Knob, LimitRow> rows = new EnumMap<>(Knob.class);
    private IoLimitsSection io;
    private Set<Knob> shownKnobs = Set.of();
    private long shownGeneration = -1;
    private final InvalidationListener refresh = o -> refresh();
    private final MapChangeListener<Knob, Object> pendingListener = c -> updateReviewBar();
    private final MapChangeListener<Knob, String> invalidListener = c -> updateReviewBar();

    public LimitsEditor(LimitsEditorModel model) {
        this.model = model;
        getStyleClass().add(STYLE_CLASS);
        // A parent stylesheet, not a user-agent one: it must win over the theme's ".label" rules.
        getStylesheets().add(LimitsEditor.class.getResource("limits-editor.css").toExternalForm());
        title.getStyleClass().add("limits-title");
        ToggleGroup modes = new ToggleGroup();
        ToggleButton live = new ToggleButton("Live");
        live.setTooltip(new Tooltip("Apply each change after you stop typing or dragging (300 ms)"));
        ToggleButton review = new ToggleButton("Review");
        review.setTooltip(new Tooltip("Collect changes, show them as a diff, then Apply or Revert"));
        live.setToggleGroup(modes);
        review.setToggleGroup(modes);
        live.setSelected(model.modeProperty().get() == LimitsEditorModel.Mode.LIVE);
        review.setSelected(!live.isSelected());
        model.modeProperty().addListener((o, a, m) -> (m == LimitsEditorModel.Mode.LIVE ? live : review)
                .setSelected(true));
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one mode is always on
            } else {
                model.modeProperty().set(b == live ? LimitsEditorModel.Mode.LIVE : LimitsEditorModel.Mode.REVIEW);
            }
        });
        HBox modeBox = new HBox(live, review);
        modeBox.getStyleClass().add("mode-toggle");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, modeBox);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("limits-header");
        Label pressureTitle = new Label("Pressure");
        pressureTitle.getStyleClass().add("pressure-title");
        pressureTitle.setTooltip(new Tooltip("Pressure stall information (PSI), share of the last 10 s the group's "
                + "tasks waited: \"some\" = at least one task, \"full\" = all of them. A tight limit shows here."));
        pressureRow = new javafx.scene.layout.FlowPane(16, 4, pressureTitle, cpuPressure, memoryPressure, ioPressure);
        pressureRow.setAlignment(Pos.CENTER_LEFT);
        pressureRow.getStyleClass().add("pressure-row");
        pressureRow.setManaged(false);
        pressureRow.setVisible(false);
        setTop(new VBox(header, pressureRow));

        placeholder.getStyleClass().add("limits-placeholder");
        placeholder.setWrapText(true);
        sections.getStyleClass().add("limits-sections");
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("limits-scroll");
        setCenter(scroll);

        apply.getStyleClass().add("apply-button");
        apply.setDefaultButton(false);
        apply.setOnAction(e -> model.apply());
        revert.setOnAction(e -> model.revert());
        Label diffTitle = new Label("Pending changes");
        diffTitle.getStyleClass().add("diff-title");
        HBox buttons = new HBox(8, apply, revert);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        reviewBar = new VBox(4, diffTitle, diff, buttons);
        reviewBar.getStyleClass().add("review-bar");
        reviewBar.setPadding(new Insets(6, 8, 6, 8));
        setBottom(null);

        model.revisionProperty().addListener(refresh);
        model.modeProperty().addListener(refresh);
        model.readingProperty().addListener(refresh);
        model.pending().addListener(pendingListener);
        model.invalidFields().addListener(invalidListener);
        refresh();
    }

    private void refresh() {
        LimitsInput in = model.inputProperty().get();
        boolean force = model.generation() != shownGeneration;
        shownGeneration = model.generation();
        if (in == null) {
            title.setText("Limits");
            placeholder.setText(model.readingProperty().get() ? READING : SELECT);
            showPressure(LimitUsage.NONE);
            clearRows();
            sections.getChildren().setAll(placeholder);
            updateReviewBar();
            return;
        }
        title.setText("Limits \u2014 " + in.displayName());
        showPressure(in.usage());
        if (in.knobs().isEmpty() || in.knobs().values().stream().allMatch(s -> s.target().path().isRoot())) {
            clearRows();
            placeholder.setText(in.knobs().isEmpty()
                    ? "This group has no controllers with limits."
                    : "The root group of a hierarchy has no limits: the kernel offers them on child groups only.");
            sections.getChildren().setAll(placeholder);
            updateReviewBar();
            return;
        }
        if (!in.knobs().keySet().equals(shownKnobs)) {
            build(in);
            force = true;
        }
        for (LimitRow r : rows.values()) {
            r.update(in.knob(r.knob()).orElseThrow(), in, force);
        }
        if (io != null) {
            io.update(in, force);
        }
        updateReviewBar();
    }

    private void showPressure(LimitUsage u) {
        boolean any = u.cpuPressure().isPresent() || u.memoryPressure().isPresent() || u.ioPressure().isPresent();
        pressureRow.setVisible(any);
        pressureRow.setManaged(any);
        gauge(cpuPressure, u.cpuPressure());
        gauge(memoryPressure, u.memoryPressure());
        gauge(ioPressure, u.ioPressure());
    }

    private static void gauge(PressureGauge g, java.util.Optional<LimitUsage.Stall> s) {
        g.setVisible(s.isPresent());
        g.setManaged(s.isPresent());
        g.someProperty().set(s.map(LimitUsage.Stall::some).orElse(Double.NaN));
        g.fullProperty().set(s.map(LimitUsage.Stall::full).orElse(Double.NaN));
    }

    /** The pressure gauges (cpu, memory, io), for tests. */
    List<PressureGauge> pressureGauges() {
        return List.of(cpuPressure, memoryPressure, ioPressure);
    }

    private void build(LimitsInput in) {
        clearRows();
        shownKnobs = Set.copyOf(in.knobs().keySet());
        List<Node> out = new ArrayList<>();
        section(out, "CPU", in, List.of(Knob.CPU_QUOTA, Knob.CPU_WEIGHT));
        section(out, "Memory", in, List.of(Knob.MEMORY_MAX, Knob.MEMORY_HIGH, Knob.MEMORY_LOW, Knob.MEMORY_MIN,
                Knob.MEMORY_SWAP));
        section(out, "Pids", in, List.of(Knob.PIDS_MAX));
        if (IoLimitsSection.KNOBS.stream().anyMatch(in::has)) {
            io = new IoLimitsSection(model);
            out.add(sectionBox("IO (per whole block device)", List.of(io)));
        }
        section(out, "Cpuset", in, List.of(Knob.CPUSET_CPUS, Knob.CPUSET_MEMS));
        sections.getChildren().setAll(out);
    }

    private void section(List<Node> out, String name, LimitsInput in, List<Knob> knobs) {
        List<Node> members = new ArrayList<>();
        for (Knob k : knobs) {
            if (!in.has(k)) {
                continue;
            }
            LimitRow r = switch (k) {
                case CPU_QUOTA -> new CpuQuotaRow(model);
                case CPUSET_CPUS, CPUSET_MEMS -> new CpusetSection(k, model);
                default -> new ValueLimitRow(k, model);
            };
            rows.put(k, r);
            members.add(r);
        }
        if (!members.isEmpty()) {
            out.add(sectionBox(name, members));
        }
    }

    private static VBox sectionBox(String name, List<Node> members) {
        Label l = new Label(name);
        l.getStyleClass().add("section-title");
        VBox box = new VBox(6);
        box.getStyleClass().add("limits-section");
        box.getChildren().add(l);
        box.getChildren().addAll(members);
        return box;
    }

    private void clearRows() {
        rows.values().forEach(LimitRow::dispose);
        rows.clear();
        if (io != null) {
            io.dispose();
            io = null;
        }
        shownKnobs = Set.of();
    }

    private void updateReviewBar() {
        boolean reviewing = model.modeProperty().get() == LimitsEditorModel.Mode.REVIEW
                && model.inputProperty().get() != null;
        setBottom(reviewing ? reviewBar : null);
        if (!reviewing) {
            return;
        }
        diff.getChildren().clear();
        for (String line : model.diff()) {
            Label l = new Label(line);
            l.getStyleClass().add("diff-line");
            diff.getChildren().add(l);
        }
        if (model.pending().isEmpty()) {
            Label none = new Label("No changes yet: edit a value, then Apply.");
            none.getStyleClass().add("diff-empty");
            diff.getChildren().add(none);
        }
        model.invalidFields().values().forEach(reason -> {
            Label l = new Label("fix first: " + reason);
            l.getStyleClass().add("field-error");
            l.setWrapText(true);
            diff.getChildren().add(l);
        });
        apply.setDisable(model.pending().isEmpty() || !model.invalidFields().isEmpty());
        revert.setDisable(model.pending().isEmpty() && model.invalidFields().isEmpty());
    }

    /** The text field of a knob edited as one value (cpu.quota, memory.max, pids.max, ...); empty for others. */
    public java.util.Optional<LimitField> field(Knob knob) {
        return rows.get(knob) instanceof SliderLimitRow v ? java.util.Optional.of(v.field()) : java.util.Optional.empty();
    }

    /** The row of a knob, for tests and keyboard focus. */
    LimitRow row(Knob knob) {
        return rows.get(knob);
    }

    IoLimitsSection ioSection() {
        return io;
    }

    Button applyButton() {
        return apply;
    }

    Button revertButton() {
        return revert;
    }

}
