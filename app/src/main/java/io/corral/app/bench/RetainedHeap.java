package io.corral.app.bench;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * The Java heap a reader keeps between ticks: heap in use after a full collection, before the
 * reader is made and again while it (and its last snapshot) are still reachable. Also the
 * collector's class histogram of what is live, for finding what holds the bytes.
 */
final class RetainedHeap {
    private RetainedHeap() {
    }

    /** Bytes of heap in use after two full collections (System.gc() is a full one with Serial and G1). */
    static long liveBytes() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The first {@code lines} lines of {@code jcmd PID GC.class_histogram} of this JVM (live objects only). */
    static String histogram(int lines) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] all = text.toString().split("\n");
            return String.join("\n", java.util.Arrays.copyOf(all, Math.min(lines, all.length)));
        } catch (Exception e) {
            return "(no class histogram: " + e + ")";
        }
    }
}
