package io.corral.model.host;

import io.corral.model.limit.LimitValue.DeviceNumber;

import java.util.List;
import java.util.OptionalLong;

/**
 * The machine's shape as limits need it: CPUs online (a quota of N cores, cpuset CPU
 * ids), memory nodes (cpuset.mems), whole block devices (io limits are per whole device)
 * and total memory.
 */
public record Hardware(List<Integer> cpus, List<Integer> memoryNodes, List<BlockDevice> blockDevices,
                       OptionalLong memoryTotal) {
    public Hardware {
        cpus = List.copyOf(cpus);
        memoryNodes = List.copyOf(memoryNodes);
        blockDevices = List.copyOf(blockDevices);
    }

    /** A whole block device from {@code /sys/block}: {@code vda 254:0}. */
    public record BlockDevice(String name, DeviceNumber number) {
        @Override
        public String toString() {
            return name + " (" + number + ")";
        }
    }

    public int onlineCpus() {
        return Math.max(1, cpus.size());
    }
}
