package io.corral.model.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a checkpoint: what CRIU does not keep (the group's path in every
 * hierarchy and its limits), the process tree, versions, options, every file with size and
 * SHA-256, and durations.
 *
 * @param pidNamespace true when the tree's root is the init of its own pid namespace: CRIU
 *                     then recreates the namespace, and restore needs no host PID
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(int format, String id, String label, String created, String group, long rootPid,
                       boolean pidNamespace, List<HierarchyRecord> hierarchies, List<TaskRecord> tree,
                       Versions versions, CheckpointOptions options, List<FileRecord> files, Durations durations) {
    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The group in one hierarchy and its limits: {@code limits} are the interface files'
     * exact text (file name to value, in writing order), which a restore writes back;
     * {@code settings} are the same limits in Corral's vocabulary ({@code cpu.quota=0.5}),
     * for people. Writing back the files, not the settings, keeps values the vocabulary
     * rounds (v1 {@code cpu.shares} shown as a v2 weight).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HierarchyRecord(String id, String version, List<String> controllers, String mount, String path,
                                  Map<String, String> limits, List<String> settings) {
    }

    /** One process of the tree; {@code nsPids} are its PIDs from the host's namespace inwards. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TaskRecord(long pid, long ppid, String comm, List<Long> nsPids) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Versions(String criu, String kernel, String corral) {
    }

    /** An image or log file of the checkpoint, relative to the entry's {@code images/} directory. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileRecord(String name, long size, String sha256) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Durations(long preflightMillis, long dumpMillis, long hashMillis, long totalMillis) {
    }

    public long imageBytes() {
        return files.stream().mapToLong(FileRecord::size).sum();
    }

    /**
     * Host PIDs the restore needs free: none when the tree has its own pid namespace,
     * else every process of the tree.
     */
    public List<Long> neededHostPids() {
        List<Long> out = new ArrayList<>();
        if (!pidNamespace) {
            tree.forEach(t -> out.add(t.pid()));
        }
        return out;
    }

    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    public static Manifest fromJson(byte[] json) throws IOException {
        Manifest m = JSON.readValue(json, Manifest.class);
        if (m.id() == null || m.files() == null || m.tree() == null || m.hierarchies() == null) {
            throw new IOException("manifest lacks id, files, tree or hierarchies");
        }
        return m;
    }
}
