package io.corral.model.usage;

import java.util.OptionalLong;

/**
 * Bytes and operations a group did, summed over devices. v2: {@code io.stat}
 * (rbytes/wbytes/rios/wios); v1: {@code blkio.throttle.io_service_bytes} and
 * {@code blkio.throttle.io_serviced} (Read/Write lines).
 */
public record IoUsage(OptionalLong readBytes, OptionalLong writeBytes, OptionalLong readOps, OptionalLong writeOps) {
    public static final IoUsage NONE = new IoUsage(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty());

    public boolean isEmpty() {
        return equals(NONE);
    }
}
