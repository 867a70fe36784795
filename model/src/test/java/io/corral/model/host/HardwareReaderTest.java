package io.corral.model.host;

import io.corral.model.limit.LimitValue.DeviceNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardwareReaderTest {

    private static void file(Path root, String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void readsCpusNodesWholeDevicesAndMemory(@TempDir Path root) throws Exception {
        file(root, "sys/devices/system/cpu/online", "0-3,6\n");
        file(root, "sys/devices/system/node/online", "0\n");
        file(root, "sys/block/vda/dev", "254:0\n");
        file(root, "sys/block/vda/size", "41943040\n");
        file(root, "sys/block/loop0/dev", "7:0\n");
        file(root, "sys/block/loop0/size", "0\n");
        file(root, "sys/block/sda/dev", "8:0\n");
        file(root, "sys/block/sda/size", "100\n");
        file(root, "proc/meminfo", "MemTotal:        8024516 kB\nMemFree:  1 kB\n");
        Hardware h = new HardwareReader(root).read();
        assertEquals(List.of(0, 1, 2, 3, 6), h.cpus());
        assertEquals(List.of(0), h.memoryNodes());
        assertEquals(List.of(new Hardware.BlockDevice("sda", new DeviceNumber(8, 0)),
                new Hardware.BlockDevice("vda", new DeviceNumber(254, 0))), h.blockDevices(),
                "sorted by device number; the unattached loop device left out");
        assertEquals(8024516L * 1024, h.memoryTotal().getAsLong());
    }

    @Test
    void aMissingFileIsAbsentNotZero(@TempDir Path root) {
        Hardware h = new HardwareReader(root).read();
        assertTrue(h.cpus().isEmpty() && h.blockDevices().isEmpty() && h.memoryTotal().isEmpty());
        assertEquals(1, h.onlineCpus(), "an editor still offers one core");
    }

    @Test
    void readsThisMachine() {
        Hardware h = new HardwareReader(Path.of("/")).read();
        assertTrue(Runtime.getRuntime().availableProcessors() <= h.cpus().size(), h.toString());
        assertTrue(h.memoryTotal().isPresent());
    }
}
