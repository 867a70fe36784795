package io.corral.views.limits;

import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitValue;
import io.corral.model.limit.Setting;
import io.corral.model.sample.GroupKey;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The limit editor's view-model (FX thread). Rows report valid values with {@link #edit}
 * and refused text with {@link #invalid}; nothing invalid is ever sent. In
 * {@link Mode#LIVE} edits are sent once the user has stopped for {@link #DEBOUNCE}
 * (and let go of a slider): one SetLimits per target group, carrying every knob changed
 * meanwhile. In {@link Mode#REVIEW} edits wait in {@link #pending()} as a diff until
 * {@link #apply()} or {@link #revert()}. The kernel's answer is shown per knob in
 * {@link #statuses()}; the next snapshot is the truth for the values themselves.
 */
public final class LimitsEditorModel {
    public static final Duration DEBOUNCE = Duration.millis(300);

    public enum Mode { LIVE, REVIEW }

    private final LimitSubmitter submitter;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<LimitsInput> input = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.LIVE);
    private final ObservableMap<Knob, LimitValue> pending = FXCollections.observableMap(new EnumMap<>(Knob.class));
    private final ObservableMap<Knob, String> invalid = FXCollections.observableMap(new EnumMap<>(Knob.class));
    private final ObservableMap<Knob, KnobStatus> statuses = FXCollections.observableMap(new EnumMap<>(Knob.class));
    private final ReadOnlyObjectWrapper<LimitsOutcome> lastOutcome = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty dragging = new SimpleBooleanProperty();
    private final Map<Knob, LimitValue> queued = new EnumMap<>(Knob.class);
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private long generation;
    private long submissions;

    /** @param fx runs completions on the FX thread ({@code Platform::runLater} in the app) */
    private final javafx.beans.property.BooleanProperty reading =
            new javafx.beans.property.SimpleBooleanProperty(this, "reading", false);

    public LimitsEditorModel(LimitSubmitter submitter, Executor fx) {
        this.submitter = Objects.requireNonNull(submitter);
        this.fx = Objects.requireNonNull(fx);
        debounce.setOnFinished(e -> flushQueued());
        dragging.addListener((o, was, now) -> {
            if (!now && !queued.isEmpty()) {
                debounce.playFromStart(); // let go of the slider: send after the pause
            }
        });
        mode.addListener((o, a, b) -> {
            queued.clear();
            debounce.stop();
            pending.clear();
        });
    }

    public LimitsEditorModel(LimitSubmitter submitter) {
        this(submitter, Platform::runLater);
    }

    /**
     * True while a group is selected whose limits are not read yet (the console's first
     * reading comes in phases): the editor says so instead of "select a group".
     */
    public javafx.beans.property.BooleanProperty readingProperty() {
        return reading;
    }

    /** A new refresh of the selected group (or another group: then edits and answers are dropped). */
    public void setInput(LimitsInput next) {
        if (next != null) {
            reading.set(false);
        }
        LimitsInput old = input.get();
        boolean otherGroup = old == null || next == null || !old.displayName().equals(next.displayName())
                || !targets(old).equals(targets(next));
        if (otherGroup) {
            generation++;
            queued.clear();
            debounce.stop();
            pending.clear();
            invalid.clear();
            statuses.clear();
            lastOutcome.set(null);
        }
        input.set(next);
        revision.set(revision.get() + 1);
    }

    private static List<GroupKey> targets(LimitsInput in) {
        return in.knobs().values().stream().map(KnobState::target).distinct().toList();
    }

    /** A valid value from a row. Per-device io values add to what already waits for other devices. */
    public void edit(Knob knob, LimitValue value) {
        invalid.remove(knob);
        value = mergeDevices(mode.get() == Mode.REVIEW ? pending.get(knob) : queued.get(knob), value);
        LimitsInput in = input.get();
        if (in == null || !in.has(knob)) {
            return;
        }
        Optional<LimitValue> current = in.knob(knob).orElseThrow().value();
        boolean same = current.isPresent() && current.get().equals(value);
        if (mode.get() == Mode.REVIEW) {
            if (same) {
                pending.remove(knob);
                statuses.remove(knob);
            } else {
                pending.put(knob, value);
                statuses.put(knob, new KnobStatus(KnobStatus.Kind.PENDING,
                        "pending: " + current.map(Object::toString).orElse("?") + " \u2192 " + value));
            }
            return;
        }
        if (same && !queued.containsKey(knob)) {
            return;
        }
        queued.put(knob, value);
        statuses.put(knob, new KnobStatus(KnobStatus.Kind.PENDING, "will apply " + value));
        debounce.playFromStart();
    }

    private static LimitValue mergeDevices(LimitValue waiting, LimitValue value) {
        if (waiting instanceof LimitValue.PerDevice w && value instanceof LimitValue.PerDevice v) {
            java.util.TreeMap<LimitValue.DeviceNumber, LimitValue> m = new java.util.TreeMap<>(w.limits());
            m.putAll(v.limits());
            return new LimitValue.PerDevice(m);
        }
        return value;
    }

    /** Text a row refused: shown in the field, and whatever was waiting for this knob is dropped. */
    public void invalid(Knob knob, String reason) {
        invalid.put(knob, reason);
        queued.remove(knob);
        pending.remove(knob);
        statuses.remove(knob);
    }

    /** The row's text is valid again (or was reset). */
    public void clearInvalid(Knob knob) {
        invalid.remove(knob);
    }

    /** Sends every pending edit (review mode). */
    public void apply() {
        if (!invalid.isEmpty() || pending.isEmpty()) {
            return;
        }
        Map<Knob, LimitValue> edits = new EnumMap<>(pending);
        pending.clear();
        send(edits);
    }

    /** Drops every pending edit (review mode); rows show the kernel's values again. */
    public void revert() {
        pending.clear();
        queued.clear();
        debounce.stop();
        invalid.clear();
        statuses.clear();
        generation++;
        revision.set(revision.get() + 1);
    }

    /** The pending changes as lines for people: {@code memory.max  512M → 256M  (memory.max)}. */
    public List<String> diff() {
        List<String> lines = new ArrayList<>();
        LimitsInput in = input.get();
        pending.forEach((k, v) -> {
            KnobState s = in.knob(k).orElseThrow();
            lines.add(k + "  " + s.value().map(Object::toString).orElse("?") + " \u2192 " + v + "   (" + s.file() + ")");
        });
        return lines;
    }

    private void flushQueued() {
        if (dragging.get() || queued.isEmpty()) {
            return; // still dragging: the release restarts the pause
        }
        Map<Knob, LimitValue> edits = new EnumMap<>(queued);
        queued.clear();
        send(edits);
    }

    private void send(Map<Knob, LimitValue> edits) {
        LimitsInput in = input.get();
        Map<GroupKey, List<Setting>> byTarget = new LinkedHashMap<>();
        edits.forEach((k, v) -> byTarget.computeIfAbsent(in.knob(k).orElseThrow().target(), t -> new ArrayList<>())
                .add(new Setting(k, v)));
        long gen = generation;
        byTarget.forEach((target, settings) -> {
            submissions++;
            settings.forEach(s -> statuses.put(s.knob(), new KnobStatus(KnobStatus.Kind.SENDING,
                    "applying " + s.value() + "\u2026")));
            submitter.submit(target, List.copyOf(settings)).whenComplete((outcome, error) -> fx.execute(() -> {
                if (gen != generation) {
                    return; // another group is shown now
                }
                LimitsOutcome o = error != null ? LimitsOutcome.rejected(settings, "could not run: " + error)
                        : outcome;
                lastOutcome.set(o);
                for (LimitsOutcome.SettingOutcome so : o.settings()) {
                    statuses.put(so.setting().knob(), status(so));
                }
            }));
        });
    }

    private static KnobStatus status(LimitsOutcome.SettingOutcome so) {
        return switch (so.status()) {
            case APPLIED -> new KnobStatus(KnobStatus.Kind.APPLIED, "applied" + so.holds()
                    .map(h -> " \u2014 kernel holds " + h).orElse(""));
            case CLAMPED -> new KnobStatus(KnobStatus.Kind.CLAMPED, "clamped by the kernel: " + so.message());
            case REJECTED -> new KnobStatus(KnobStatus.Kind.REJECTED, "rejected: " + so.message());
        };
    }

    public ReadOnlyObjectProperty<LimitsInput> inputProperty() {
        return input.getReadOnlyProperty();
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** Set while the user drags a slider: nothing is sent until they let go. */
    public BooleanProperty draggingProperty() {
        return dragging;
    }

    public ObservableMap<Knob, LimitValue> pending() {
        return pending;
    }

    public ObservableMap<Knob, String> invalidFields() {
        return invalid;
    }

    public ObservableMap<Knob, KnobStatus> statuses() {
        return statuses;
    }

    public ReadOnlyObjectProperty<LimitsOutcome> lastOutcomeProperty() {
        return lastOutcome.getReadOnlyProperty();
    }

    /** True while an edit waits for the pause (live mode). */
    public boolean hasQueued(Knob knob) {
        return queued.containsKey(knob);
    }

    /** How many SetLimits were sent; tests prove debouncing with it. */
    public long submissions() {
        return submissions;
    }

    /** Changes with every new input and every revert: the editor then updates its rows. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Changes each time rows must show the kernel's values again, edits or not (group change, revert). */
    public long generation() {
        return generation;
    }
}
