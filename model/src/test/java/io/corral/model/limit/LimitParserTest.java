package io.corral.model.limit;

import io.corral.model.input.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitParserTest {

    /** knob | user text | the value's canonical text | the value's type */
    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            memory.max   | 256M           | 256M           | Bytes
            memory.max   | 268435456      | 256M           | Bytes
            memory.max   | 1.5G           | 1536M          | Bytes
            memory.max   | 2GiB           | 2G             | Bytes
            memory.max   | 512k           | 512K           | Bytes
            memory.max   | 1000           | 1000           | Bytes
            memory.max   | 0              | 0              | Bytes
            memory.max   | max            | max            | Unlimited
            memory.max   | unlimited      | max            | Unlimited
            memory.high  | ' 64M '        | 64M            | Bytes
            pids.max     | 64             | 64             | Count
            pids.max     | max            | max            | Unlimited
            cpu.quota    | 0.5            | 0.5            | CpuQuota
            cpu.quota    | 2              | 2              | CpuQuota
            cpu.quota    | 1.5/50000      | 1.5/50000      | CpuQuota
            cpu.quota    | max            | max            | Unlimited
            cpu.weight   | 100            | 100            | Weight
            cpu.weight   | 10000          | 10000          | Weight
            cpuset.cpus  | 0-3,5          | 0-3,5          | IdList
            cpuset.cpus  | 5,0,1,2,3      | 0-3,5          | IdList
            cpuset.mems  | 0              | 0              | IdList
            io.rbps      | 8:0 10M        | 8:0 10M        | PerDevice
            io.wbps      | 8:16=1048576   | 8:16 1M        | PerDevice
            io.riops     | 253:1 1000     | 253:1 1000     | PerDevice
            io.wiops     | 8:0 max        | 8:0 max        | PerDevice
            """)
    void acceptsWhatPeopleType(String knob, String text, String canonical, String type) throws Exception {
        LimitValue v = LimitParser.parse(Knob.parse(knob), text);
        assertEquals(canonical, v.toString());
        assertEquals(type, v.getClass().getSimpleName());
        // The canonical text parses back to the same value.
        assertEquals(v, LimitParser.parse(Knob.parse(knob), canonical));
    }

    /** knob | user text | a piece of the message that says why */
    @ParameterizedTest(name = "{0}={1} refused")
    @CsvSource(delimiter = '|', textBlock = """
            memory.max   | -5             | is negative
            memory.max   | abc            | is not a size
            memory.max   | 1X             | unknown unit "X"
            memory.max   | 50000abc       | unknown unit "abc"
            memory.max   | max 500        | must be one value without spaces
            memory.max   | ''             | empty value
            memory.max   | 1.5            | not a whole number of bytes
            memory.max   | 1..5G          | is not a number
            memory.max   | 8E             | too large
            memory.max   | 99999999999999999999 | too large
            memory.max   | 0x10           | unknown unit
            pids.max     | -1             | is negative
            pids.max     | 1.5            | not a whole number
            pids.max     | 99999999999999999999 | too large
            pids.max     | 64K            | not a whole number
            cpu.quota    | max 100000     | must be one value without spaces
            cpu.quota    | -0.5           | is negative
            cpu.quota    | abc            | not a number of cores
            cpu.quota    | 0.001          | at least 1000
            cpu.quota    | 0.5/10         | outside the kernel's range
            cpu.quota    | 0.5/2000000    | outside the kernel's range
            cpu.quota    | 1e3            | not a number of cores
            cpu.quota    | 200000         | too many
            cpu.weight   | 0              | outside 1..10000
            cpu.weight   | 10001          | outside 1..10000
            cpu.weight   | max            | cannot be unlimited
            cpuset.cpus  | 3-1            | runs backwards
            cpuset.cpus  | 0-             | not a list of ids
            cpuset.cpus  | a              | not a list of ids
            cpuset.cpus  | 70000          | above 65535
            cpuset.cpus  | max            | cannot be unlimited
            io.rbps      | 10M            | must be MAJ:MIN VALUE
            io.rbps      | sda 10M        | not a device MAJ:MIN
            io.rbps      | 8:0 0          | would stop all io
            io.rbps      | 8:0 -1         | is negative
            io.riops     | 8:0 1.5        | not a whole number
            io.rbps      | 99999:0 1M     | out of range
            """)
    void refusesWithAReason(String knob, String text, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LimitParser.parse(Knob.parse(knob), text));
        assertTrue(e.getMessage().contains(reason), () -> "message \"" + e.getMessage() + "\" lacks \"" + reason + "\"");
        assertTrue(e.getMessage().startsWith(knob), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void refusesInputLongerThanAPage() {
        String big = "1".repeat(LimitParser.MAX_INPUT + 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LimitParser.parse(Knob.MEMORY_MAX, big));
        assertTrue(e.getMessage().contains("at most 4096"), e.getMessage());
    }

    /** Any quota the kernel may hold prints as text that parses back to the same quota. */
    @org.junit.jupiter.api.Test
    void everyKernelQuotaRoundTripsThroughItsText() throws Exception {
        long[] periods = {1000, 3000, 7000, 33_333, 50_000, 99_999, 100_000, 333_333, 1_000_000};
        java.util.Random rnd = new java.util.Random(42);
        for (long period : periods) {
            for (int i = 0; i < 200; i++) {
                long quota = 1000 + (long) (rnd.nextDouble() * period * 8);
                LimitValue.CpuQuota q = new LimitValue.CpuQuota(quota, period);
                assertEquals(q, LimitParser.parse(Knob.CPU_QUOTA, q.toString()), q.toString());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void quotaInCoresUsesTheDefaultPeriod() throws Exception {
        LimitValue.CpuQuota q = (LimitValue.CpuQuota) LimitParser.parse(Knob.CPU_QUOTA, "0.5");
        assertEquals(50_000, q.quotaUsec());
        assertEquals(100_000, q.periodUsec());
    }

    @org.junit.jupiter.api.Test
    void settingParsesKnobAndValue() throws Exception {
        assertEquals(new Setting(Knob.MEMORY_MAX, new LimitValue.Bytes(256L << 20)), Setting.parse("memory.max=256M"));
        assertEquals("io.rbps=8:0 10M", Setting.parse("io.rbps=8:0=10M").toString());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Setting.parse("memory.maxx=1"));
        assertTrue(e.getMessage().contains("unknown knob \"memory.maxx\""), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Setting.parse("=1"));
        assertThrows(InvalidInputException.class, () -> Setting.parse("memory.max"));
    }
}
