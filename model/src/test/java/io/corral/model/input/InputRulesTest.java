package io.corral.model.input;

import io.corral.model.cgroup.GroupPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bad-input table of issue 6 for the validators the CLI and GUI fields share. */
class InputRulesTest {
    static Stream<Arguments> badPids() {
        return Stream.of(Arguments.of("0x10", "decimal"), Arguments.of("010", "octal"), Arguments.of("+5", "decimal"),
                Arguments.of(" 5", "decimal"), Arguments.of("0", "writing process"), Arguments.of("-1", "decimal"),
                Arguments.of("1 2", "decimal"), Arguments.of("", "empty"), Arguments.of("12345678901", "too long"),
                Arguments.of("4194305", "above the kernel's limit"), Arguments.of("５", "decimal"));
    }

    @ParameterizedTest(name = "PID \"{0}\"")
    @MethodSource("badPids")
    void badPidsAreRefused(String text, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DecimalPid.parse(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(text, e.input());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "42", "4194304"})
    void plainDecimalPidsAreAccepted(String text) throws Exception {
        assertEquals(Integer.parseInt(text), DecimalPid.parse(text));
    }

    static Stream<Arguments> badNames() {
        return Stream.of(Arguments.of("..", "not allowed"), Arguments.of(".", "not allowed"),
                Arguments.of("a/b", "contains '/'"), Arguments.of("/abs", "contains '/'"),
                Arguments.of("a\nb", "control character"), Arguments.of("cgroup.procs", "interface file"),
                Arguments.of("tasks", "interface file"), Arguments.of("memory.max", "memory interface file"),
                Arguments.of("", "empty"), Arguments.of("x".repeat(300), "at most 255"),
                Arguments.of("é".repeat(128), "256 bytes"), Arguments.of("cpu.weight", "cpu interface file"));
    }

    @ParameterizedTest(name = "name \"{0}\"")
    @MethodSource("badNames")
    void badGroupNamesAreRefused(String name, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GroupName.validate(name, List.of()));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"corral-test-web", "web.1", "memoryhog", "cgroup", "a:b"})
    void ordinaryNamesAreAccepted(String name) throws Exception {
        assertEquals(name, GroupName.validate(name, List.of("memory")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/corral-test-foo2", "/corral-test-foo2/x", "/corral-test-fo"})
    void containmentIsByComponentsNotByString(String other) throws Exception {
        GroupPath foo = GroupPath.parse("/corral-test-foo", List.of());
        assertFalse(foo.contains(GroupPath.parse(other, List.of())), other);
        assertTrue(foo.contains(GroupPath.parse("/corral-test-foo/x", List.of())));
    }
}
