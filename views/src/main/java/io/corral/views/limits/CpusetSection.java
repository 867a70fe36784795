package io.corral.views.limits;

import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.LimitValue.IdList;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cpuset.cpus or cpuset.mems as a grid of check boxes, one per online CPU (or memory
 * node). Clearing every box is refused in place: a cpuset needs at least one.
 */
final class CpusetSection extends LimitRow {
    private final FlowPane grid = new FlowPane(6, 4);
    private final Map<Integer, CheckBox> boxes = new LinkedHashMap<>();
    private final Label error = new Label();
    private List<Integer> ids = List.of();
    private boolean updating;

    CpusetSection(Knob knob, LimitsEditorModel model) {
        super(knob, model);
        grid.getStyleClass().add(knob == Knob.CPUSET_CPUS ? "cpu-grid" : "node-grid");
        error.getStyleClass().add("field-error");
        error.setManaged(false);
        error.setVisible(false);
        HBox line = new HBox(8, name, grid);
        getChildren().addAll(line, error);
        addNotes();
    }

    @Override
    protected void show(KnobState state, LimitsInput input) {
        List<Integer> all = knob == Knob.CPUSET_CPUS ? input.host().cpus() : input.host().memoryNodes();
        if (!all.equals(ids)) {
            ids = List.copyOf(all);
            grid.getChildren().clear();
            boxes.clear();
            for (int id : ids) {
                CheckBox b = new CheckBox(Integer.toString(id));
                b.getStyleClass().add("id-box");
                b.setTooltip(new Tooltip((knob == Knob.CPUSET_CPUS ? "CPU " : "memory node ") + id));
                b.selectedProperty().addListener((o, was, now) -> toggled());
                boxes.put(id, b);
                grid.getChildren().add(b);
            }
        }
        updating = true;
        try {
            List<Integer> chosen = state.value().filter(IdList.class::isInstance).map(v -> ((IdList) v).ids())
                    .orElse(List.of());
            boxes.forEach((id, b) -> b.setSelected(chosen.contains(id)));
            setError(null);
        } finally {
            updating = false;
        }
    }

    @Override
    protected boolean isEditing() {
        return waiting();
    }

    private void toggled() {
        if (updating) {
            return;
        }
        List<Integer> chosen = new ArrayList<>();
        boxes.forEach((id, b) -> {
            if (b.isSelected()) {
                chosen.add(id);
            }
        });
        if (chosen.isEmpty()) {
            String reason = knob + ": choose at least one " + (knob == Knob.CPUSET_CPUS ? "CPU" : "memory node")
                    + " (an empty cpuset cannot run tasks)";
            setError(reason);
            model.invalid(knob, reason);
            return;
        }
        setError(null);
        LimitValue v = new IdList(chosen);
        edit(v);
    }

    private void setError(String reason) {
        error.setText(reason == null ? "" : reason);
        error.setVisible(reason != null);
        error.setManaged(reason != null);
    }

    Map<Integer, CheckBox> boxes() {
        return boxes;
    }
}
