package io.corral.model.host;

import io.corral.model.kernel.MalformedFileException;
import io.corral.model.limit.KernelLimitText;
import io.corral.model.limit.LimitValue.DeviceNumber;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads {@link Hardware} from sysfs and {@code /proc/meminfo} under a host root (the real
 * {@code /} or a fixture). Whole block devices are the entries of {@code /sys/block}
 * (partitions live below them); devices of size 0 (unattached loop devices) are left out,
 * since no io can reach them. Anything unreadable is simply absent: this feeds an editor,
 * not a decision.
 */
public final class HardwareReader {
    private final Path root;

    public HardwareReader(Path hostRoot) {
        this.root = hostRoot;
    }

    public Hardware read() {
        return new Hardware(ids("sys/devices/system/cpu/online"), ids("sys/devices/system/node/online"),
                blockDevices(), memTotal());
    }

    private List<Integer> ids(String file) {
        try {
            String text = Files.readString(root.resolve(file), StandardCharsets.US_ASCII);
            return KernelLimitText.idList(file, text).ids();
        } catch (IOException | MalformedFileException e) {
            return List.of();
        }
    }

    private List<Hardware.BlockDevice> blockDevices() {
        List<Hardware.BlockDevice> out = new ArrayList<>();
        Path dir = root.resolve("sys/block");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path d : ds) {
                try {
                    if (Long.parseLong(Files.readString(d.resolve("size")).trim()) == 0) {
                        continue;
                    }
                    String[] mm = Files.readString(d.resolve("dev")).trim().split(":");
                    out.add(new Hardware.BlockDevice(d.getFileName().toString(),
                            new DeviceNumber(Integer.parseInt(mm[0]), Integer.parseInt(mm[1]))));
                } catch (IOException | RuntimeException e) {
                    // vanished or odd: leave it out
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort((a, b) -> a.number().compareTo(b.number()));
        return out;
    }

    private OptionalLong memTotal() {
        try {
            for (String line : Files.readAllLines(root.resolve("proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemTotal:")) {
                    String[] f = line.split("\\s+");
                    return OptionalLong.of(Long.parseLong(f[1]) * 1024); // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
