package io.corral.views.namespaces;

import io.corral.model.input.InvalidInputException;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitParser;
import io.corral.model.limit.Setting;
import io.corral.styles.Styles;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Limits to apply first": a few knobs set on the target group (SetLimits, through the
 * engine) before the launched process starts, each field validated by {@link LimitParser}
 * as the CLI's {@code corral set} does. Empty fields leave the group's limit as it is.
 */
public final class LaunchLimits extends GridPane {
    static final List<Knob> KNOBS = List.of(Knob.CPU_QUOTA, Knob.MEMORY_MAX, Knob.PIDS_MAX);
    private static final Map<Knob, String> HINTS = Map.of(
            Knob.CPU_QUOTA, "cores, e.g. 0.5 or 2 (or max)",
            Knob.MEMORY_MAX, "bytes, e.g. 512M or 2G (or max)",
            Knob.PIDS_MAX, "processes, e.g. 100 (or max)");
    private final Map<Knob, TextField> fields = new EnumMap<>(Knob.class);
    private final Map<Knob, Label> errors = new EnumMap<>(Knob.class);
    private final ReadOnlyObjectWrapper<Optional<List<Setting>>> settings =
            new ReadOnlyObjectWrapper<>(Optional.of(List.of()));

    public LaunchLimits() {
        setId("launch-limits");
        setHgap(8);
        setVgap(4);
        int row = 0;
        for (Knob k : KNOBS) {
            TextField f = new TextField();
            f.setId("launch-limit-" + k.cliName().replace('.', '-'));
            f.setPromptText(HINTS.get(k));
            f.setPrefColumnCount(22);
            Label error = new Label();
            error.setId(f.getId() + "-error");
            error.getStyleClass().add(Styles.REFUSED_TEXT);
            error.setWrapText(true);
            fields.put(k, f);
            errors.put(k, error);
            addRow(row++, new Label(k.cliName()), f, error);
            f.textProperty().addListener((o, a, b) -> update());
        }
    }

    private void update() {
        List<Setting> out = new ArrayList<>();
        boolean ok = true;
        for (Knob k : KNOBS) {
            String text = fields.get(k).getText();
            Label error = errors.get(k);
            if (text == null || text.isBlank()) {
                error.setText("");
                continue;
            }
            try {
                out.add(new Setting(k, LimitParser.parse(k, text)));
                error.setText("");
            } catch (InvalidInputException e) {
                error.setText(e.getMessage());
                ok = false;
            }
        }
        settings.set(ok ? Optional.of(List.copyOf(out)) : Optional.empty());
    }

    /** The settings to apply, or empty while a field is refused. */
    public ReadOnlyObjectProperty<Optional<List<Setting>>> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    public Optional<List<Setting>> settings() {
        return settings.get();
    }

    /** The first refusal of a field ("memory.max: ..."), or empty while all are valid. */
    public Optional<String> problem() {
        return KNOBS.stream().map(k -> errors.get(k).getText()).filter(t -> !t.isEmpty()).findFirst();
    }

    public TextField field(Knob k) {
        return fields.get(k);
    }
}
