package io.corral.model.command;

import io.corral.model.limit.Knob;
import io.corral.model.limit.Limit;
import io.corral.model.limit.LimitValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What `corral set` prints after a write: the file's text, and its reading only when that says more. */
class LimitWriterHoldsTest {

    @ParameterizedTest(name = "{1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "PIDS_MAX   | pids.max          | 64        | pids.max = 64",
            "PIDS_MAX   | pids.max          | max       | pids.max = max",
            "MEMORY_MAX | memory.max        | 268435456 | memory.max = 268435456 (256M)",
    })
    void theValueIsRepeatedOnlyWhenItReadsDifferently(Knob knob, String file, String raw, String expected) {
        LimitValue value = "max".equals(raw) ? new LimitValue.Unlimited()
                : knob == Knob.PIDS_MAX ? new LimitValue.Count(Long.parseLong(raw))
                : new LimitValue.Bytes(Long.parseLong(raw));
        assertEquals(expected, LimitWriter.holds(new Limit(knob, value, file, raw)));
    }
}
