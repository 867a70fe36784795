package io.corral.views.limits;

import io.corral.model.host.Hardware;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitParser;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.LimitValue.PerDevice;
import io.corral.model.limit.LimitValue.Unlimited;
import javafx.collections.MapChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * io limits per whole block device: one line per device (from the host's {@code /sys/block},
 * read by the model), read/write bytes per second and IOPS. {@code max} or an empty limit
 * means none; the kernel's 0 ("no limit" on v1, "stop all io" on v2) is refused by the parser.
 */
final class IoLimitsSection extends VBox {
    static final List<Knob> KNOBS = List.of(Knob.IO_RBPS, Knob.IO_WBPS, Knob.IO_RIOPS, Knob.IO_WIOPS);
    private final LimitsEditorModel model;
    private final GridPane grid = new GridPane();
    private final Map<String, LimitField> fields = new HashMap<>();
    private final Map<Knob, Label> statusLabels = new EnumMap<>(Knob.class);
    private final MapChangeListener<Knob, KnobStatus> statusListener = c -> showStatuses();
    private List<Hardware.BlockDevice> devices = List.of();

    IoLimitsSection(LimitsEditorModel model) {
        this.model = model;
        getStyleClass().add("io-limits");
        grid.getStyleClass().add("io-grid");
        grid.setHgap(8);
        grid.setVgap(4);
        getChildren().add(grid);
        for (Knob k : KNOBS) {
            Label l = new Label();
            l.getStyleClass().add("knob-status");
            l.setWrapText(true);
            l.setManaged(false);
            l.setVisible(false);
            statusLabels.put(k, l);
            getChildren().add(l);
        }
        model.statuses().addListener(statusListener);
    }

    void update(LimitsInput input, boolean force) {
        List<Hardware.BlockDevice> now = input.host().blockDevices();
        if (!now.equals(devices)) {
            build(now, input);
            force = true;
        }
        for (Hardware.BlockDevice d : devices) {
            for (Knob k : KNOBS) {
                LimitField f = fields.get(key(d, k));
                if (f == null || (!force && (f.isEditing() || model.hasQueued(k) || model.pending().containsKey(k)))) {
                    continue;
                }
                LimitValue v = input.knob(k).flatMap(KnobState::value).orElse(null);
                LimitValue dv = v instanceof PerDevice p ? p.limits().get(d.number()) : null;
                f.show(dv == null || dv instanceof Unlimited ? "max" : dv.toString());
            }
        }
        showStatuses();
    }

    private void build(List<Hardware.BlockDevice> now, LimitsInput input) {
        devices = List.copyOf(now);
        grid.getChildren().clear();
        fields.clear();
        grid.add(header("Device", "A whole block device from /sys/block (MAJ:MIN)"), 0, 0);
        for (int i = 0; i < KNOBS.size(); i++) {
            Knob k = KNOBS.get(i);
            String file = input.knob(k).map(KnobState::file).orElse(k.cliName());
            grid.add(header(KnobTexts.label(k), KnobTexts.explain(k) + "\nFile: " + file), i + 1, 0);
        }
        int row = 1;
        for (Hardware.BlockDevice d : devices) {
            Label name = new Label(d.name());
            name.setTooltip(new Tooltip(d.name() + " " + d.number()));
            name.getStyleClass().add("device-name");
            grid.add(name, 0, row);
            for (int i = 0; i < KNOBS.size(); i++) {
                Knob k = KNOBS.get(i);
                LimitField f = new LimitField(t -> LimitParser.parse(k, d.number() + " " + t),
                        v -> model.edit(k, v), reason -> {
                            if (reason == null) {
                                model.clearInvalid(k);
                            } else {
                                model.invalid(k, d.name() + ": " + reason);
                            }
                        });
                f.textField().setPrefColumnCount(6);
                fields.put(key(d, k), f);
                grid.add(f, i + 1, row);
            }
            row++;
        }
        if (devices.isEmpty()) {
            grid.add(new Label("No whole block devices found in /sys/block."), 0, 1, 5, 1);
        }
    }

    private static Label header(String text, String tip) {
        Label l = new Label(text);
        l.getStyleClass().add("column-title");
        l.setTooltip(new Tooltip(tip));
        return l;
    }

    private void showStatuses() {
        for (Knob k : KNOBS) {
            Label l = statusLabels.get(k);
            KnobStatus s = model.statuses().get(k);
            l.getStyleClass().removeIf(c -> c.startsWith("status-"));
            l.setVisible(s != null);
            l.setManaged(s != null);
            if (s != null) {
                l.setText(KnobTexts.label(k) + ": " + s.text());
                l.getStyleClass().add(s.styleClass());
            }
        }
    }

    private static String key(Hardware.BlockDevice d, Knob k) {
        return d.number() + "/" + k.name();
    }

    List<LimitField> fields() {
        return new ArrayList<>(fields.values());
    }

    void dispose() {
        model.statuses().removeListener(statusListener);
    }
}
