package io.corral.app.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.Map;

/**
 * The collector's view of a measuring window, from its notifications: young and full
 * collections, the longest pause, and how much each young collection promoted into the old
 * generation (what survives a tick and later costs a full collection).
 */
final class GcWatch {
    private long young;
    private long full;
    private long promoted;
    private long longestPauseMillis;

    GcWatch() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, hb) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        record(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()));
                    }
                }, null, null);
            }
        }
    }

    private synchronized void record(GarbageCollectionNotificationInfo info) {
        longestPauseMillis = Math.max(longestPauseMillis, info.getGcInfo().getDuration());
        if (info.getGcAction().contains("minor")) {
            young++;
            promoted += Math.max(0, old(info.getGcInfo().getMemoryUsageAfterGc()) - old(info.getGcInfo().getMemoryUsageBeforeGc()));
        } else {
            full++;
        }
    }

    private static long old(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> e.getKey().contains("Tenured") || e.getKey().contains("Old"))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    synchronized void reset() {
        young = 0;
        full = 0;
        promoted = 0;
        longestPauseMillis = 0;
    }

    synchronized String summary() {
        return String.format(Locale.ROOT, "GC: %d young (promoted %.1f MB), %d full, longest pause %d ms",
                young, promoted / 1e6, full, longestPauseMillis);
    }
}
