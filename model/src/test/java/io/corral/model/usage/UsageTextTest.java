package io.corral.model.usage;

import io.corral.model.kernel.MalformedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UsageTextTest {

    @Test
    void flatKeyedFiles() throws Exception {
        assertEquals(Map.of("usage_usec", 43017317L, "user_usec", 28100696L, "system_usec", 14916620L, "nice_usec", 0L),
                UsageText.flatKeyed("cpu.stat", "usage_usec 43017317\nuser_usec 28100696\nsystem_usec 14916620\nnice_usec 0\n"));
        assertEquals(Map.of(), UsageText.flatKeyed("memory.events", ""));
    }

    @Test
    void ioStatSumsDevices() throws Exception {
        IoUsage io = UsageText.ioStat("io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n"
                + "8:16 rbytes=100 wbytes=0 rios=1 wios=0 dbytes=0 dios=0 newkey=5\n");
        assertEquals(new IoUsage(OptionalLong.of(4196), OptionalLong.of(8192), OptionalLong.of(2), OptionalLong.of(2)), io);
    }

    @Test
    void blkioReadAndWriteOverDevices() throws Exception {
        assertArrayEquals(new long[] {4096 + 10, 8192},
                UsageText.blkioReadWrite("blkio.throttle.io_service_bytes",
                        "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 12288\n8:0 Async 0\n8:0 Discard 0\n8:0 Total 12288\n"
                                + "8:16 Read 10\nTotal 12298\n"));
        assertArrayEquals(new long[] {0, 0}, UsageText.blkioReadWrite("blkio.throttle.io_serviced", "Total 0\n"));
    }

    @Test
    void pressureWithAndWithoutFull() throws Exception {
        Pressure p = Pressure.parse("cpu.pressure", "some avg10=4.44 avg60=1.65 avg300=1.28 total=7568579\n"
                + "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        assertEquals(new Pressure.Line(4.44, 1.65, 1.28, 7568579), p.some());
        assertEquals(Optional.of(new Pressure.Line(0, 0, 0, 0)), p.full());
        assertEquals(Optional.empty(), Pressure.parse("cpu.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n").full());
    }

    /** parser | malformed text (\n written as |n) */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', textBlock = """
            flat     ; usage_usec
            flat     ; usage_usec -1
            flat     ; usage_usec 1 2
            flat     ; a 99999999999999999999
            single   ; ''
            single   ; max
            single   ; -3
            io       ; sda rbytes=1
            io       ; 8:0 rbytes
            io       ; 8:0 rbytes=x
            blkio    ; 8:0 Read
            blkio    ; sda Read 1
            blkio    ; Total x
            pressure ; ''
            pressure ; full avg10=0.00 avg60=0.00 avg300=0.00 total=0
            pressure ; some avg10=0.00 avg60=0.00 total=0
            pressure ; some avg10=x avg60=0.00 avg300=0.00 total=0
            pressure ; some avg10=0.00 avg60=0.00 avg300=0.00 total=-1
            pressure ; odd avg10=0.00 avg60=0.00 avg300=0.00 total=1
            """)
    void malformedCounterFilesAreRefused(String parser, String text) {
        String t = text.replace("|n", "\n");
        assertThrows(MalformedFileException.class, () -> {
            switch (parser) {
                case "flat" -> UsageText.flatKeyed("cpu.stat", t);
                case "single" -> UsageText.single("memory.current", t);
                case "io" -> UsageText.ioStat("io.stat", t);
                case "blkio" -> UsageText.blkioReadWrite("blkio.throttle.io_serviced", t);
                case "pressure" -> Pressure.parse("cpu.pressure", t);
                default -> throw new IllegalArgumentException(parser);
            }
        });
    }
}
