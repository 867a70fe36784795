package io.corral.model.limit;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The limits of one group in one hierarchy, by knob (in {@link Knob} order). A knob not present is not set or not readable. */
public final class GroupLimits {
    public static final GroupLimits NONE = new GroupLimits(Map.of());

    private final Map<Knob, Limit> byKnob;

    public GroupLimits(Map<Knob, Limit> limits) {
        EnumMap<Knob, Limit> m = new EnumMap<>(Knob.class);
        m.putAll(limits);
        this.byKnob = Collections.unmodifiableMap(m);
    }

    public static GroupLimits of(Collection<Limit> limits) {
        EnumMap<Knob, Limit> m = new EnumMap<>(Knob.class);
        limits.forEach(l -> m.put(l.knob(), l));
        return new GroupLimits(m);
    }

    public Optional<Limit> get(Knob knob) {
        return Optional.ofNullable(byKnob.get(knob));
    }

    public Optional<LimitValue> value(Knob knob) {
        return get(knob).map(Limit::value);
    }

    /** In {@link Knob} order. */
    public Map<Knob, Limit> asMap() {
        return byKnob;
    }

    public boolean isEmpty() {
        return byKnob.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupLimits g && g.byKnob.equals(byKnob);
    }

    @Override
    public int hashCode() {
        return byKnob.hashCode();
    }

    @Override
    public String toString() {
        return byKnob.values().toString();
    }
}
