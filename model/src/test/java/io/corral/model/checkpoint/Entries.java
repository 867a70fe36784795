package io.corral.model.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Catalog entries written the way the checkpointer writes them, with made-up image files. */
final class Entries {
    private Entries() {
    }

    static Manifest manifest(String id, List<Manifest.FileRecord> files, boolean pidNamespace) {
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("cpu.cfs_period_us", "100000");
        limits.put("cpu.cfs_quota_us", "50000");
        return new Manifest(Manifest.FORMAT, id, "test", "2026-01-01T00:00Z", "/corral-test-x", 4242, pidNamespace,
                List.of(new Manifest.HierarchyRecord("cpu", "V1", List.of("cpu"), "/sys/fs/cgroup/cpu", "/corral-test-x",
                        limits, List.of("cpu.quota=0.5"))),
                List.of(new Manifest.TaskRecord(4242, 1, "workload", List.of(4242L, 1L)),
                        new Manifest.TaskRecord(4243, 4242, "workload", List.of(4243L, 2L))),
                new Manifest.Versions("4.2.1", "6.18", "corral 0.1.0"), CheckpointOptions.DEFAULT, files,
                new Manifest.Durations(1, 2, 3, 6));
    }

    /** Stages and commits an entry with an inventory and a pages image. */
    static String make(Catalog catalog) throws Exception {
        Catalog.Staging s = catalog.stage(Catalog.newId());
        Files.write(s.images().resolve("inventory.img"), new byte[] {1, 2, 3, 4});
        byte[] pages = new byte[10000];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = (byte) (i * 7);
        }
        Files.write(s.images().resolve("pages-1.img"), pages);
        Files.writeString(s.images().resolve("dump.log"), "(00.000001) Dumping finished successfully\n");
        s.commit(manifest(s.id(), records(s.images()), true));
        return s.id();
    }

    static List<Manifest.FileRecord> records(Path images) throws IOException {
        List<Manifest.FileRecord> out = new ArrayList<>();
        try (var st = Files.list(images)) {
            for (Path p : st.sorted().toList()) {
                out.add(new Manifest.FileRecord(p.getFileName().toString(), Files.size(p), Catalog.sha256(p)));
            }
        }
        return out;
    }
}
