package io.corral.views.checkpoint;

import io.corral.model.checkpoint.Catalog;
import io.corral.model.checkpoint.CheckpointException;
import io.corral.model.checkpoint.Manifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One catalog entry as the Checkpoints pane shows it: the manifest's facts and the outcome
 * of verifying every file against its size and SHA-256. An entry with problems is flagged
 * (corrupted, with the reason) and never offered for restore.
 */
public record CheckpointRow(String id, Optional<Manifest> manifest, List<String> problems) {
    public CheckpointRow {
        problems = List.copyOf(problems);
    }

    /** Lists and verifies the catalog. Blocking (hashes every image): call it off the FX thread. */
    public static List<CheckpointRow> load(Catalog catalog) throws IOException {
        return load(catalog, Map.of());
    }

    /**
     * Lists the catalog and verifies only the entries not in {@code verified} (by id): a
     * committed entry's files do not change under the catalog, so when another console or the
     * CLI adds one, the ones already hashed are not hashed again (Verify and Refresh do that).
     */
    public static List<CheckpointRow> load(Catalog catalog, Map<String, CheckpointRow> verified) throws IOException {
        List<CheckpointRow> out = new ArrayList<>();
        for (Catalog.Entry e : catalog.list()) {
            CheckpointRow known = verified.get(e.id());
            if (known != null && known.manifest().isPresent() == e.manifest().isPresent()) {
                out.add(known);
                continue;
            }
            List<String> problems;
            try {
                problems = catalog.verify(e.id()).problems();
            } catch (CheckpointException ex) {
                problems = List.of(ex.getMessage());
            }
            out.add(new CheckpointRow(e.id(), e.manifest(), problems));
        }
        // Newest first: ids begin with the time stamp.
        out.sort((a, b) -> b.id().compareTo(a.id()));
        return out;
    }

    public boolean restorable() {
        return problems.isEmpty() && manifest.isPresent();
    }

    /** "2026-11-29 01:52:10" from the manifest's ISO time, else from the id. */
    public String time() {
        String created = manifest.map(Manifest::created).orElse(null);
        if (created != null && created.length() >= 19) {
            return created.substring(0, 10) + " " + created.substring(11, 19);
        }
        return id.substring(0, 4) + "-" + id.substring(4, 6) + "-" + id.substring(6, 8) + " "
                + id.substring(9, 11) + ":" + id.substring(11, 13) + ":" + id.substring(13, 15);
    }

    public String label() {
        return manifest.map(Manifest::label).orElse("");
    }

    public String group() {
        return manifest.map(Manifest::group).orElse("?");
    }

    public Optional<Long> imageBytes() {
        return manifest.map(Manifest::imageBytes);
    }

    public Optional<Integer> processes() {
        return manifest.map(m -> m.tree().size());
    }

    public Optional<Long> dumpMillis() {
        return manifest.map(m -> m.durations() == null ? -1L : m.durations().dumpMillis()).filter(d -> d >= 0);
    }

    /** "ok", or "corrupted: REASON; REASON". */
    public String state() {
        return restorable() ? "ok" : "corrupted: " + String.join("; ", problems);
    }

    /** The text of an entry in a chooser: time, group, label. */
    public String title() {
        return time() + "  " + group() + (label().isBlank() ? "" : "  \u201c" + label() + "\u201d") + "  (" + id + ")";
    }
}
