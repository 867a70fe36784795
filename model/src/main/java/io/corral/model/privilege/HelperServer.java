package io.corral.model.privilege;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.model.command.CommandEngine;
import io.corral.model.command.CommandResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The privileged side: reads requests line by line, runs each decoded command through the
 * engine (which checks the kernel's rules, refuses protected paths and journals), and
 * answers each line with exactly one line. It runs no shell and takes no path: a request
 * is a command record or it is refused with a {@link ProtocolError}. Stops at end of input.
 */
public final class HelperServer {
    private final CommandDecoder decoder;
    private final CommandEngine engine;
    private final HelperPolicy policy;

    /** For a client that is root itself: every decoded command runs. */
    public HelperServer(CommandDecoder decoder, CommandEngine engine) {
        this(decoder, engine, new HelperPolicy(Optional.empty(), java.nio.file.Path.of("/")));
    }

    /** For the user {@code policy} names: launches and id maps only as that user may have them. */
    public HelperServer(CommandDecoder decoder, CommandEngine engine, HelperPolicy policy) {
        this.decoder = Objects.requireNonNull(decoder);
        this.engine = Objects.requireNonNull(engine);
        this.policy = Objects.requireNonNull(policy);
    }

    /** Serves until {@code in} ends; returns how many requests were answered. */
    public int serve(InputStream in, OutputStream out) throws IOException {
        int answered = 0;
        while (true) {
            String response;
            try {
                Optional<String> line = HelperProtocol.readLine(in);
                if (line.isEmpty()) {
                    return answered;
                }
                if (line.get().isBlank()) {
                    continue;
                }
                response = handle(line.get());
            } catch (ProtocolException e) {
                response = HelperProtocol.error(null, e.kind(), e.getMessage());
            }
            out.write((response + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            answered++;
        }
    }

    /** Answers one request line (never throws for anything the client sent). */
    public String handle(String line) {
        HelperProtocol.Request request;
        try {
            request = HelperProtocol.parseRequest(line, decoder);
        } catch (HelperProtocol.IdentifiedProtocolException e) {
            return HelperProtocol.error(e.id(), e.kind(), e.getMessage());
        } catch (ProtocolException e) {
            return HelperProtocol.error(null, e.kind(), e.getMessage());
        }
        JsonNode id = request.id();
        Optional<String> refused = policy.refusal(request.command());
        if (refused.isPresent()) {
            return HelperProtocol.error(id, ProtocolError.NOT_PERMITTED, refused.get());
        }
        CommandResult r = engine.run(request.command());
        return HelperProtocol.response(id, r);
    }
}
