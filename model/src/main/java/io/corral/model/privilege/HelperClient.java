package io.corral.model.privilege;

import io.corral.model.command.Command;
import io.corral.model.command.CommandResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The console's side of the privileged helper: sends one command at a time and returns the
 * helper's {@link CommandResult}. Works over any pair of streams; {@link #start} launches
 * the helper as a child through {@link Escalation} on first use. Anything that goes wrong
 * with the helper itself (authentication cancelled, helper died, garbled answer) comes back
 * as a rejection that says so; it never throws at the caller.
 */
public final class HelperClient implements AutoCloseable {
    private final InputStream fromHelper;
    private final OutputStream toHelper;
    private final Optional<Process> process;
    private final Escalation escalation;
    private final HelperStderr stderr;
    private long nextId = 1;

    public HelperClient(InputStream fromHelper, OutputStream toHelper) {
        this(fromHelper, toHelper, Optional.empty(), Escalation.NONE, HelperStderr.NONE);
    }

    private HelperClient(InputStream fromHelper, OutputStream toHelper, Optional<Process> process,
                         Escalation escalation, HelperStderr stderr) {
        this.fromHelper = Objects.requireNonNull(fromHelper);
        this.toHelper = Objects.requireNonNull(toHelper);
        this.process = process;
        this.escalation = escalation;
        this.stderr = stderr;
    }

    /**
     * Starts {@code helperCommand} (e.g. {@code [/usr/bin/corral, helper]}) through the given
     * escalation; the helper's stderr is copied to the console's stderr (pkexec and sudo
     * complain there; sudo prompts on the terminal itself), its last lines kept for the
     * message when the helper ends without answering.
     */
    public static HelperClient start(Escalation escalation, List<String> helperCommand) throws IOException {
        return start(escalation, helperCommand, java.util.Map.of());
    }

    /** Like {@link #start(Escalation, List)} with extra environment variables for the helper. */
    public static HelperClient start(Escalation escalation, List<String> helperCommand,
                                     java.util.Map<String, String> environment) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(escalation.command(helperCommand));
        pb.environment().putAll(environment);
        Process p = pb.start();
        return new HelperClient(p.getInputStream(), p.getOutputStream(), Optional.of(p), escalation,
                HelperStderr.copy(p.getErrorStream(), System.err));
    }

    public synchronized CommandResult run(Command command) {
        long id = nextId++;
        try {
            toHelper.write((HelperProtocol.request(id, command) + "\n").getBytes(StandardCharsets.UTF_8));
            toHelper.flush();
            HelperProtocol.Line line = HelperProtocol.readAnswer(fromHelper);
            if (line.text().isEmpty()) {
                return ended(command, "");
            }
            if (!line.complete()) {
                return ended(command, "; its answer was cut off mid-line, so it is not taken as one");
            }
            return HelperProtocol.parseResponse(line.text().get(), id, command);
        } catch (IOException e) {
            // A helper process that ended closed the pipe: its exit status says why, not "Stream closed".
            return ended(command, process.isPresent() ? "" : " (" + e.getMessage() + ")");
        } catch (ProtocolException e) {
            return HelperProtocol.refusal(command, e.kind(), e.getMessage());
        }
    }

    private CommandResult ended(Command command, String detail) {
        Optional<Integer> status = process.flatMap(HelperClient::exitStatus);
        return HelperProtocol.refusal(command, ProtocolError.HELPER_UNAVAILABLE, HelperExit.explain(escalation,
                status, stderr.lastLines()) + detail);
    }

    private static Optional<Integer> exitStatus(Process p) {
        try {
            return p.waitFor(2, TimeUnit.SECONDS) ? Optional.of(p.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The helper's process (sudo's or pkexec's, when escalated), when this client started one. */
    public Optional<ProcessHandle> process() {
        return process.map(Process::toHandle);
    }

    /** Ends the helper: closing its input makes it finish and exit. */
    @Override
    public void close() throws IOException {
        try {
            toHelper.close();
        } catch (IOException e) {
            // The helper is gone already (its pipe is closed): nothing left to end.
        }
        if (process.isPresent()) {
            try {
                if (!process.get().waitFor(5, TimeUnit.SECONDS)) {
                    process.get().destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
