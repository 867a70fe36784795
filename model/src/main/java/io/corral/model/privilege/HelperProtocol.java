package io.corral.model.privilege;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.model.command.Command;
import io.corral.model.command.CommandJson;
import io.corral.model.command.CommandResult;
import io.corral.model.command.Failure;
import io.corral.model.command.Step;
import io.corral.model.kernel.Errno;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The privileged helper's wire format, independent of the transport (a child's
 * stdin/stdout now, an SSH channel later): UTF-8, one JSON object per line.
 * <pre>
 * request:  {"id":7,"command":{"type":"set-limits","hierarchy":{..},"path":"/web","settings":["pids.max=64"]}}
 * response: {"id":7,"outcome":"applied","steps":[..],"failures":[..],"warnings":[..],"inverse":[..]}
 * refusal:  {"id":7,"error":{"kind":"UNKNOWN_COMMAND","message":"unknown command type \"shell\""}}
 * </pre>
 * Commands use {@link CommandJson}'s form; the helper decodes them with the strict
 * {@link CommandDecoder}.
 */
public final class HelperProtocol {
    /** Longer lines are refused unread (a spec of thousands of groups fits easily). */
    public static final int MAX_LINE_BYTES = 1 << 20;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private HelperProtocol() {
    }

    /** A decoded request: its id (echoed in the response) and the command. */
    public record Request(JsonNode id, Command command) {
    }

    public static String request(long id, Command command) {
        ObjectNode n = MAPPER.createObjectNode().put("id", id);
        n.set("command", CommandJson.toJson(command));
        return line(n);
    }

    /** Decodes one request line on the privileged side; nothing in it is trusted. */
    public static Request parseRequest(String line, CommandDecoder decoder) throws ProtocolException {
        JsonNode n = parse(line);
        JsonNode id = n.get("id");
        try {
            CommandDecoder.only(n, Set.of("id", "command"));
            if (id == null || !(id.isIntegralNumber() && id.canConvertToLong() || id.isTextual() && id.asText().length() <= 64)) {
                throw new ProtocolException(ProtocolError.BAD_FIELD, "\"id\" must be an integer or a short string");
            }
            return new Request(id, decoder.decode(n.get("command")));
        } catch (ProtocolException e) {
            throw new IdentifiedProtocolException(idOf(id), e);
        }
    }

    public static String response(JsonNode id, CommandResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("id", id);
        n.setAll(CommandJson.toJson(r));
        n.set("inverse", CommandJson.toJson(r.inverse()));
        return line(n);
    }

    public static String error(JsonNode id, ProtocolError kind, String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        n.putObject("error").put("kind", kind.name()).put("message", message);
        return line(n);
    }

    /**
     * Decodes a response on the client side (the helper is trusted here): the result of
     * {@code sent}, or a rejection that carries the helper's typed refusal.
     */
    public static CommandResult parseResponse(String line, long expectedId, Command sent) throws ProtocolException {
        JsonNode n = parse(line);
        if (n.path("id").asLong(-1) != expectedId) {
            throw new ProtocolException(ProtocolError.MALFORMED_JSON, "response for request " + n.path("id")
                    + " while waiting for " + expectedId);
        }
        if (n.has("error")) {
            ProtocolError kind;
            try {
                kind = ProtocolError.valueOf(n.path("error").path("kind").asText());
            } catch (IllegalArgumentException e) {
                kind = ProtocolError.MALFORMED_JSON;
            }
            return refusal(sent, kind, n.path("error").path("message").asText());
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : n.path("steps")) {
            steps.add(new Step(s.path("what").asText(), s.has("holds") ? Optional.of(s.path("holds").asText())
                    : Optional.empty()));
        }
        List<Failure> failures = new ArrayList<>();
        for (JsonNode f : n.path("failures")) {
            Errno errno;
            try {
                errno = Errno.valueOf(f.path("errno").asText());
            } catch (IllegalArgumentException e) {
                errno = Errno.UNKNOWN;
            }
            failures.add(new Failure(errno, Path.of(f.path("path").asText("/")),
                    f.has("value") ? Optional.of(f.path("value").asText()) : Optional.empty(),
                    f.path("message").asText(), f.path("written").asBoolean()));
        }
        List<String> warnings = new ArrayList<>();
        n.path("warnings").forEach(w -> warnings.add(w.asText()));
        List<Command> inverse = n.path("inverse").isArray() ? CommandJson.fromJson((ArrayNode) n.path("inverse"))
                : List.of();
        return switch (n.path("outcome").asText()) {
            case "applied" -> new CommandResult.Applied(sent, steps, inverse, warnings);
            case "partial" -> new CommandResult.Partial(sent, steps, failures, inverse, warnings);
            case "rejected" -> new CommandResult.Rejected(sent, failures.isEmpty()
                    ? List.of(Failure.rule(Errno.UNKNOWN, Path.of("/"), null, "the helper rejected it")) : failures,
                    warnings);
            default -> throw new ProtocolException(ProtocolError.MALFORMED_JSON, "response without an outcome");
        };
    }

    /** A result for a request the helper refused (or could not run): nothing changed. */
    public static CommandResult refusal(Command sent, ProtocolError kind, String message) {
        return new CommandResult.Rejected(sent, Failure.rule(kind == ProtocolError.HELPER_UNAVAILABLE ? Errno.EPERM
                : Errno.EINVAL, Path.of("/"), null, (kind == ProtocolError.HELPER_UNAVAILABLE
                ? "administrative access failed (" : "the privileged helper refused the request (") + kind + "): "
                + message));
    }

    /**
     * Reads one line of at most {@link #MAX_LINE_BYTES}; empty at end of input. A longer
     * line is consumed up to its newline and reported, so the next request still parses.
     */
    public static Optional<String> readLine(InputStream in) throws IOException, ProtocolException {
        return readAnswer(in).text();
    }

    /** One line as read: its text (empty at end of input) and whether its newline came. */
    public record Line(Optional<String> text, boolean complete) {
    }

    /**
     * Like {@link #readLine}, but tells a whole line from one cut off by the end of input
     * (a helper killed while writing its answer): the client must not take half an answer
     * for one.
     */
    public static Line readAnswer(InputStream in) throws IOException, ProtocolException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        boolean tooLong = false;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (buf.size() < MAX_LINE_BYTES) {
                buf.write(b);
            } else {
                tooLong = true;
            }
        }
        if (b == -1 && buf.size() == 0 && !tooLong) {
            return new Line(Optional.empty(), false);
        }
        if (tooLong) {
            throw new ProtocolException(ProtocolError.LINE_TOO_LONG, "request line longer than " + MAX_LINE_BYTES
                    + " bytes");
        }
        return new Line(Optional.of(buf.toString(StandardCharsets.UTF_8)), b == '\n');
    }

    private static JsonNode parse(String line) throws ProtocolException {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ProtocolError.MALFORMED_JSON, "not one JSON object: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new ProtocolException(ProtocolError.MALFORMED_JSON, "a message is one JSON object per line");
        }
        return n;
    }

    private static JsonNode idOf(JsonNode id) {
        return id != null && (id.isIntegralNumber() || id.isTextual() && id.asText().length() <= 64) ? id : null;
    }

    private static String line(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refusal that knows which request it answers. */
    public static final class IdentifiedProtocolException extends ProtocolException {
        private final transient JsonNode id;

        IdentifiedProtocolException(JsonNode id, ProtocolException cause) {
            super(cause.kind(), cause.getMessage());
            this.id = id;
        }

        public JsonNode id() {
            return id;
        }
    }
}
