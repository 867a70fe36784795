package io.corral.app.cli;

import io.corral.model.testing.BadPids;
import org.junit.jupiter.params.provider.Arguments;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6's bad-input table, one line per case: the input and the words its refusal must
 * contain. The fixture, other-layout and live suites feed the same rows into their own CLI
 * runs ({@link Row#command}) and check each refusal with {@link #assertRefused}.
 */
final class BadInputTable {
    /** In group names: the test group's own name, so even a broken validator stays below it. */
    static final String G = "G";

    enum Kind { PID, LIMIT, NAME }

    /** One bad input and the words the one-line refusal must contain. */
    record Row(Kind kind, String input, String reason) {
        /**
         * The CLI line that feeds the input: a move after a good PID, a set after a good
         * setting (the bad one must stop the whole command), or a mkdir below {@code group}.
         */
        String[] command(String moveInto, String setOn, String group, long goodPid) {
            return switch (kind) {
                case PID -> new String[] {"move", moveInto, Long.toString(goodPid), input};
                case LIMIT -> new String[] {"set", setOn, "pids.max=64", input};
                case NAME -> new String[] {"mkdir", input.replace(G, group)};
            };
        }

        Arguments arguments() {
            return Arguments.of(input, reason);
        }
    }

    /** The validators' own PID rows ({@link BadPids}), fed through the CLI. */
    static final List<Row> PIDS = BadPids.ROWS.stream().map(r -> new Row(Kind.PID, r.input(), r.reason())).toList();

    static final List<Row> LIMITS = List.of(
            new Row(Kind.LIMIT, "pids.max=-5", "-5"),
            new Row(Kind.LIMIT, "pids.max=abc", "abc"),
            new Row(Kind.LIMIT, "memory.max=1X", "1X"),
            new Row(Kind.LIMIT, "memory.max=50000abc", "50000abc"),
            new Row(Kind.LIMIT, "memory.max=max 500", "max 500"),
            new Row(Kind.LIMIT, "memory.max=" + "9".repeat(5000), "4096"),
            new Row(Kind.LIMIT, "nosuch.knob=5", "unknown knob"),
            new Row(Kind.LIMIT, "memory.max", "not KNOB=VALUE"));

    static final List<Row> NAMES = List.of(
            new Row(Kind.NAME, "/G/..", "not allowed"),
            new Row(Kind.NAME, "/G/.", "not allowed"),
            new Row(Kind.NAME, "G/..", "must start with '/'"),
            new Row(Kind.NAME, "G/b", "must start with '/'"),
            new Row(Kind.NAME, "/G/x\n", "control character"),
            new Row(Kind.NAME, "/G/cgroup.procs", "interface file"),
            new Row(Kind.NAME, "/G/tasks", "interface file"),
            new Row(Kind.NAME, "/G/memory.max", "memory interface file"),
            new Row(Kind.NAME, "", "empty GROUP"),
            new Row(Kind.NAME, "/G/" + "a".repeat(300), "at most 255"),
            new Row(Kind.NAME, "/G//abs", "empty"),
            new Row(Kind.NAME, "nosuch:/G/b", "no mounted hierarchy"));

    private BadInputTable() {
    }

    static Stream<Arguments> pids() {
        return PIDS.stream().map(Row::arguments);
    }

    static Stream<Arguments> limits() {
        return LIMITS.stream().map(Row::arguments);
    }

    static Stream<Arguments> names() {
        return NAMES.stream().map(Row::arguments);
    }

    /** Every row of the table. */
    static Stream<Row> rows() {
        return Stream.of(PIDS, LIMITS, NAMES).flatMap(List::stream);
    }

    /**
     * The refusal every row must get: a non-zero exit, exactly one {@code corral: } line on
     * stderr naming the reason, and nothing written ({@code writes} as the observer saw them).
     */
    static void assertRefused(String reason, int rc, String err, List<String> writes) {
        assertEquals(List.of(), writes, "nothing may reach the kernel");
        assertNotEquals(0, rc, "exit status");
        assertEquals(1, err.lines().count(), "exactly one line on stderr: " + err);
        assertTrue(err.startsWith("corral: "), err);
        assertTrue(err.contains(reason), "expected \"" + reason + "\" in: " + err);
    }
}
