package io.corral.views.checkpoint;

import io.corral.model.checkpoint.Catalog;
import io.corral.model.checkpoint.CheckpointOptions;
import io.corral.model.checkpoint.CriuCommand;
import io.corral.model.checkpoint.CriuStatus;
import io.corral.model.checkpoint.Manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Catalog entries written with the model's own staging and commit, with made-up images. */
final class FixtureCatalog {
    static final CriuStatus AVAILABLE = new CriuStatus(true, "", Optional.of(CriuCommand.of(Path.of("/bin/false"),
            "fixture")), Optional.of("4.2.1"), "Looks good.", 120, 95);
    static final CriuStatus UNAVAILABLE = CriuStatus.unavailable("criu check: \"Error (criu/cr-check.c:1191): "
            + "Kernel doesn't support PTRACE_O_SUSPEND_SECCOMP\"", Optional.empty(), Optional.of("3.17"), "");

    private FixtureCatalog() {
    }

    /** Commits an entry of {@code group} with an inventory, a pages image and a dump log; returns its id. */
    static String entry(Catalog catalog, String group, String label, int processes) throws Exception {
        return entry(catalog, group, label, processes, 4242, true);
    }

    /**
     * @param rootPid      the tree's first host PID (the others follow it)
     * @param pidNamespace whether the tree had its own pid namespace (else the restore needs its host PIDs)
     */
    static String entry(Catalog catalog, String group, String label, int processes, long rootPid, boolean pidNamespace)
            throws Exception {
        String id;
        Catalog.Staging s;
        do {
            id = Catalog.newId();
        } while (Files.exists(catalog.root().resolve(id)));
        s = catalog.stage(id);
        Files.write(s.images().resolve("inventory.img"), new byte[] {1, 2, 3, 4});
        byte[] pages = new byte[300_000];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = (byte) (i * 7);
        }
        Files.write(s.images().resolve("pages-1.img"), pages);
        Files.writeString(s.images().resolve("dump.log"), "(00.000100) Dumping processes (pid: 4242)\n"
                + "(00.180000) Dumping finished successfully\n");
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("cpu.cfs_period_us", "100000");
        limits.put("cpu.cfs_quota_us", "50000");
        List<Manifest.TaskRecord> tree = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            tree.add(new Manifest.TaskRecord(rootPid + i, i == 0 ? rootPid - 1 : rootPid, i == 0 ? "sh" : "workload",
                    pidNamespace ? List.of(rootPid + i, 1L + i) : List.of(rootPid + i)));
        }
        s.commit(new Manifest(Manifest.FORMAT, id, label, "2026-11-29T01:52:10Z", group, rootPid, pidNamespace,
                List.of(new Manifest.HierarchyRecord("cpu", "V1", List.of("cpu"), "/sys/fs/cgroup/cpu", group, limits,
                        List.of("cpu.quota=0.5")),
                        new Manifest.HierarchyRecord("freezer", "V1", List.of("freezer"), "/sys/fs/cgroup/freezer",
                                group, Map.of(), List.of())),
                tree, new Manifest.Versions("4.2.1", "6.18.0", "corral 0.1.0"), new CheckpointOptions(false, false,
                false, label), records(s.images()), new Manifest.Durations(3, 182, 4, 190)));
        return id;
    }

    /** Flips one byte of the entry's pages image, as a bad disk would. */
    static void corrupt(Catalog catalog, String id) throws Exception {
        Path p = catalog.dir(id).resolve("images").resolve("pages-1.img");
        byte[] b = Files.readAllBytes(p);
        b[1000] ^= 0x40;
        Files.write(p, b);
    }

    private static List<Manifest.FileRecord> records(Path images) throws IOException {
        List<Manifest.FileRecord> out = new ArrayList<>();
        try (var st = Files.list(images)) {
            for (Path p : st.sorted().toList()) {
                out.add(new Manifest.FileRecord(p.getFileName().toString(), Files.size(p), Catalog.sha256(p)));
            }
        }
        return out;
    }
}
