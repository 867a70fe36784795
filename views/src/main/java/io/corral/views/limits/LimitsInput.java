package io.corral.views.limits;

import io.corral.model.host.Hardware;
import io.corral.model.limit.Knob;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the limit editor shows for the selected group at one refresh: a name for
 * people, every knob its controllers provide (a v1 group spans several hierarchies, each
 * knob names the one it lives in), current usage and the host's shape. Immutable; the main
 * window builds one per snapshot (see {@link LimitsInputs}).
 */
public record LimitsInput(String displayName, Map<Knob, KnobState> knobs, LimitUsage usage, Hardware host) {
    public LimitsInput {
        Objects.requireNonNull(displayName);
        EnumMap<Knob, KnobState> m = new EnumMap<>(Knob.class);
        m.putAll(knobs);
        knobs = Collections.unmodifiableMap(m);
        Objects.requireNonNull(usage);
        Objects.requireNonNull(host);
    }

    public Optional<KnobState> knob(Knob k) {
        return Optional.ofNullable(knobs.get(k));
    }

    public boolean has(Knob k) {
        return knobs.containsKey(k);
    }
}
