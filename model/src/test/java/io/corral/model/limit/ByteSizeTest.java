package io.corral.model.limit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteSizeTest {
    /** bytes | exact text | approximate text for people */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0                   | 0      | 0
            1000                | 1000   | 1000
            1024                | 1K     | 1K
            1536                | 1536   | 1.5K
            268435456           | 256M   | 256M
            1610612736          | 1536M  | 1.5G
            52428800            | 50M    | 50M
            1793216512          | 1751188K | 1.67G
            1099511627776       | 1T     | 1T
            9223372036854775807 | 9223372036854775807 | 8E
            """)
    void exactAndHuman(long bytes, String exact, String human) throws Exception {
        assertEquals(exact, ByteSize.exact(bytes));
        assertEquals(human, ByteSize.human(bytes));
        assertEquals(bytes, ByteSize.parse(exact, "size"));
    }
}
