package io.corral.model.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Append-only record of every executed command: one JSON object per line with the time,
 * the command, its description, the result and the inverse. Each entry is written with a
 * single append, so a {@code kill -9} can at worst leave a torn last line, which
 * {@link #read()} skips (and counts).
 */
public final class Journal {

    /** One line read back. {@code inverse} is what undoes it (empty if nothing can). */
    public record Entry(Instant time, String description, String outcome, Command command, List<Command> inverse,
                        JsonNode raw) {
    }

    /** What {@link #read()} found: the entries and how many lines were torn or unreadable. */
    public record Contents(List<Entry> entries, int unreadableLines) {
    }

    private final Path file;
    private final Clock clock;

    public Journal(Path file) {
        this(file, Clock.systemUTC());
    }

    public Journal(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file);
        this.clock = clock;
    }

    /**
     * {@code $XDG_DATA_HOME/corral/journal.jsonl}, by default
     * {@code ~/.local/share/corral/journal.jsonl}.
     */
    public static Path defaultFile(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(userHome, ".local", "share");
        return base.resolve("corral").resolve("journal.jsonl");
    }

    public static Journal atDefaultLocation() {
        return new Journal(defaultFile(System.getenv(), System.getProperty("user.home")));
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one entry. Never throws: a read-only or full directory must not stop the
     * command that already ran, so the problem is returned for the caller to report.
     */
    public Optional<String> append(Command command, CommandResult result) {
        return append(command, result, Optional.empty());
    }

    /**
     * Records that a command is about to run, before its first write. If the process is
     * killed while it runs, this line stays without its result and {@link #read()} reports
     * the command as {@value #INTERRUPTED}: some of it may have happened, and the user is
     * told to look. Returns the run id to pass to {@link #append(Command, CommandResult, Optional)}
     * (empty if even this line could not be written; the problem is then reported by the append).
     */
    public Optional<String> begin(Command command) {
        String run = java.util.UUID.randomUUID().toString();
        ObjectNode n = CommandJson.MAPPER.createObjectNode();
        n.put("time", clock.instant().toString());
        n.put("description", command.describe());
        n.set("command", CommandJson.toJson(command));
        n.put("run", run).put("state", "started");
        return write(n).isPresent() ? Optional.empty() : Optional.of(run);
    }

    /** Appends the result of a command whose start was recorded by {@link #begin}. */
    public Optional<String> append(Command command, CommandResult result, Optional<String> run) {
        ObjectNode n = CommandJson.MAPPER.createObjectNode();
        n.put("time", clock.instant().toString());
        n.put("description", command.describe());
        n.set("command", CommandJson.toJson(command));
        n.set("result", CommandJson.toJson(result));
        n.set("inverse", CommandJson.toJson(result.inverse()));
        run.ifPresent(r -> n.put("run", r));
        return write(n);
    }

    /** The outcome of a command that started but never recorded its result (process killed). */
    public static final String INTERRUPTED = "interrupted";

    private Optional<String> write(ObjectNode n) {
        byte[] line;
        try {
            line = (CommandJson.MAPPER.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            return Optional.of("journal entry could not be encoded: " + e.getOriginalMessage());
        }
        try {
            Files.createDirectories(file.getParent());
            boolean torn = afterTornLine(file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(torn ? withNewlineFirst(line) : line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof java.nio.file.AccessDeniedException) {
                reason = "permission denied: " + reason;
            }
            return Optional.of("the change was made but not recorded in the journal " + file + " (" + reason + ")");
        }
    }

    /**
     * True if the file ends in the middle of a line: a writer was killed mid-append (or the
     * disk filled). The next entry then starts on a new line, or it would be glued to the
     * torn one and both would be lost.
     */
    private static boolean afterTornLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer last = ByteBuffer.allocate(1);
            return size > 0 && ch.read(last, size - 1) == 1 && last.get(0) != '\n';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static byte[] withNewlineFirst(byte[] line) {
        byte[] out = new byte[line.length + 1];
        out[0] = '\n';
        System.arraycopy(line, 0, out, 1, line.length);
        return out;
    }

    /** Reads every entry; a torn or garbled line is skipped and counted, never fatal. */
    public Contents read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), 0);
        }
        List<Entry> entries = new ArrayList<>();
        // Started runs whose result has not been seen (yet), by run id, in file order.
        Map<String, Entry> open = new java.util.LinkedHashMap<>();
        int bad = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = CommandJson.MAPPER.readTree(line);
                String run = n.path("run").asText("");
                if (n.path("state").asText().equals("started")) {
                    open.put(run, new Entry(Instant.parse(n.path("time").asText()), n.path("description").asText(),
                            INTERRUPTED, CommandJson.fromJson(n.path("command")), List.of(), n));
                    continue;
                }
                entries.add(new Entry(Instant.parse(n.path("time").asText()), n.path("description").asText(),
                        n.path("result").path("outcome").asText(), CommandJson.fromJson(n.path("command")),
                        CommandJson.fromJson((ArrayNode) n.path("inverse")), n));
                open.remove(run);
            } catch (IOException | RuntimeException e) {
                bad++;
            }
        }
        if (!open.isEmpty()) {
            entries.addAll(open.values());
            entries.sort(java.util.Comparator.comparing(Entry::time));
        }
        return new Contents(List.copyOf(entries), bad);
    }
}
