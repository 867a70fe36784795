package io.corral.views.limits;

import io.corral.model.limit.LimitValue.DeviceNumber;

import java.util.List;
import java.util.OptionalLong;

/**
 * What the limit editor needs to know about the machine, read by the model off the FX
 * thread: CPUs online (the quota slider goes to that many cores, the cpuset grid shows
 * them), memory nodes, whole block devices (from {@code /sys/block}) and total memory (the
 * top of the memory sliders).
 */
public record HostShape(List<Integer> cpus, List<Integer> memoryNodes, List<BlockDevice> devices,
                        OptionalLong memoryTotal) {
    public HostShape {
        cpus = List.copyOf(cpus);
        memoryNodes = List.copyOf(memoryNodes);
        devices = List.copyOf(devices);
    }

    /** A whole block device: {@code sda 8:0}. */
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
