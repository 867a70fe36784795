package io.corral.model.namespace;

import io.corral.model.input.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing and validation of uid_map/gid_map text, by the rules of the kernel's map_write(). */
class IdMapTest {

    @Test
    void parsesTheKernelsPaddedOutput() throws Exception {
        IdMap m = IdMap.parse("         0          0 4294967295\n");
        assertEquals(List.of(new IdMapRange(0, 0, 4294967295L)), m.ranges());
    }

    @Test
    void parsesSeveralLinesWithTabsAndBlankLines() throws Exception {
        IdMap m = IdMap.parse("0\t1000\t1\n\n1 100000 65536\n");
        assertEquals(2, m.ranges().size());
        assertEquals("0 1000 1\n1 100000 65536\n", m.format());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0 1000                  | needs three numbers",
            "0 1000 1 7              | needs three numbers",
            "0 x 1                   | outside id \"x\" is not a decimal",
            "-1 0 1                  | inside id \"-1\" is not a decimal",
            "0 0 0                   | count must be at least 1",
            "4294967295 0 1          | must be below 4294967295",
            "0 4294967295 1          | must be below 4294967295",
            "1 0 4294967295          | runs past the 32-bit id space",
            "0 4294967294 2          | runs past the 32-bit id space",
            "0 1000 10\\n5 2000 10   | overlaps line 1 (0 1000 10) inside",
            "0 1000 10\\n20 1005 10  | overlaps line 1 (0 1000 10) outside",
            "99999999999 0 1         | is not a decimal number",
    })
    void refusesWhatTheKernelRefuses(String text, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> IdMap.parse(text.replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void acceptsAdjacentRangesAndTheWholeIdSpace() throws Exception {
        IdMap.parse("0 1000 10\n10 1010 10\n");
        IdMap.parse("0 0 4294967295");
    }

    @Test
    void atMost340Lines() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < IdMap.MAX_LINES; i++) {
            sb.append(i).append(' ').append(i).append(" 1\n");
        }
        assertEquals(IdMap.MAX_LINES, IdMap.parse(sb.toString()).ranges().size());
        sb.append("999 999 1\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdMap.parse(sb.toString()));
        assertTrue(e.getMessage().contains("at most 340 lines"), e.getMessage());
    }

    @Test
    void theWholeMapMustFitInOneWriteShorterThanAPage() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            // 200 lines of 23 bytes: 4600 bytes, fewer than 340 lines but more than a page.
            sb.append(1_000_000_000L + i).append(' ').append(2_000_000_000L + i).append(" 1\n");
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdMap.parse(sb.toString()));
        assertTrue(e.getMessage().contains("one write of at most 4095 bytes"), e.getMessage());
    }

    @Test
    void translatesBothWays() throws Exception {
        IdMap m = IdMap.parse("0 1000 1\n1 100000 65536\n");
        assertEquals(OptionalLong.of(1000), m.toOutside(0));
        assertEquals(OptionalLong.of(100004), m.toOutside(5));
        assertEquals(OptionalLong.empty(), m.toOutside(65537));
        assertEquals(OptionalLong.of(0), m.toInside(1000));
        assertEquals(OptionalLong.of(65536), m.toInside(165535));
        assertEquals(OptionalLong.empty(), m.toInside(999));
    }
}
