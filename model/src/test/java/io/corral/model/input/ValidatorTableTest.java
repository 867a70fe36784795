package io.corral.model.input;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.limit.Knob;
import io.corral.model.limit.LimitParser;
import io.corral.model.testing.BadPids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6's bad-input table at the level of the validators the CLI and the GUI fields share
 * ({@link DecimalPid}, {@link LimitParser}, {@link GroupName}): each input is refused with a
 * message that names the rule. The CLI tables in app prove the same inputs never reach a kernel.
 */
class ValidatorTableTest {

    static Stream<Arguments> pids() {
        return Stream.concat(BadPids.ROWS.stream().map(r -> Arguments.of(r.input(), r.reason())), Stream.of(
                Arguments.of("4194305", "above the kernel's limit"),
                Arguments.of("５", "not a plain decimal number")));
    }

    @ParameterizedTest(name = "PID \"{0}\"")
    @MethodSource("pids")
    void pidFieldRefuses(String text, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DecimalPid.parse(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of(Knob.PIDS_MAX, "-5", "negative"),
                Arguments.of(Knob.PIDS_MAX, "abc", "not a whole number"),
                Arguments.of(Knob.MEMORY_MAX, "1X", "1X"),
                Arguments.of(Knob.MEMORY_MAX, "50000abc", "50000abc"),
                Arguments.of(Knob.MEMORY_MAX, "max 500", "one value without spaces"),
                Arguments.of(Knob.MEMORY_MAX, "9".repeat(5000), "at most 4096"),
                Arguments.of(Knob.MEMORY_MAX, "-5", "-5"),
                Arguments.of(Knob.CPU_QUOTA, "-5", "negative"),
                Arguments.of(Knob.CPU_QUOTA, "abc", "not a number of cores"),
                Arguments.of(Knob.CPU_WEIGHT, "max", "cannot be unlimited"),
                Arguments.of(Knob.CPUSET_CPUS, "1X", "not a list of ids"),
                Arguments.of(Knob.IO_RBPS, "max 500", "not a device"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("limits")
    void limitFieldRefuses(Knob knob, String text, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LimitParser.parse(knob, text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().startsWith(knob.cliName()), "names the knob: " + e.getMessage());
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("..", "not allowed"),
                Arguments.of(".", "not allowed"),
                Arguments.of("a/b", "contains '/'"),
                Arguments.of("/abs", "contains '/'"),
                Arguments.of("../x", "contains '/'"),
                Arguments.of("web\n", "control character"),
                Arguments.of("cgroup.procs", "interface file"),
                Arguments.of("tasks", "interface file"),
                Arguments.of("memory.max", "memory interface file"),
                Arguments.of("", "empty"),
                Arguments.of("a".repeat(300), "at most 255"),
                Arguments.of("é".repeat(200), "400 bytes"));
    }

    @ParameterizedTest(name = "group name \"{0}\"")
    @MethodSource("names")
    void groupNameFieldRefuses(String name, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GroupName.validate(name, List.of("cpu", "memory")));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "control characters are shown escaped: " + e.getMessage());
    }

    @Test
    void ordinaryNamesPass() throws InvalidInputException {
        for (String ok : List.of("foo", "foo2", "web.slice", "a".repeat(255), "memoryhog", "cgroupie")) {
            assertEquals(ok, GroupName.validate(ok, List.of("cpu", "memory")));
        }
    }

    @Test
    void containmentIsByComponentsNotStrings() throws InvalidInputException {
        GroupPath foo = GroupPath.parse("/foo", List.of());
        assertFalse(foo.contains(GroupPath.parse("/foo2", List.of())));
        assertFalse(foo.contains(GroupPath.parse("/foo2/x", List.of())));
        assertTrue(foo.contains(GroupPath.parse("/foo/x", List.of())));
        assertTrue(foo.contains(foo));
        assertFalse(GroupPath.parse("/foo/x", List.of()).contains(foo));
    }
}
