package io.corral.model.limit;

import io.corral.model.input.InvalidInputException;

import java.util.Objects;

/** One {@code KNOB=VALUE} as given to {@code corral set}. */
public record Setting(Knob knob, LimitValue value) {
    public Setting {
        Objects.requireNonNull(knob);
        Objects.requireNonNull(value);
    }

    /** Parses {@code memory.max=256M}, {@code io.rbps=8:0=10M}, {@code cpu.quota=0.5}. */
    public static Setting parse(String text) throws InvalidInputException {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException(text, "\"" + Texts.printable(text)
                    + "\" is not KNOB=VALUE (e.g. memory.max=256M)");
        }
        Knob k = Knob.parse(text.substring(0, eq));
        return new Setting(k, LimitParser.parse(k, text.substring(eq + 1)));
    }

    @Override
    public String toString() {
        return knob + "=" + value;
    }
}
