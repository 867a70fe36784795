package io.corral.model.privilege;

import io.corral.model.command.Command;
import io.corral.model.command.CommandResult;
import io.corral.model.command.Failure;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cockpit's "administrative access" for the console: the privileged helper is started on
 * demand, at the first command the user may not run alone (so the password prompt comes
 * with the gesture that needs it), kept for the next ones, and started again if it ended
 * (timed-out sudo, killed). A helper that cannot start, or is refused authentication,
 * gives a rejection saying so; nothing throws at the caller.
 */
public final class AdministrativeAccess implements AutoCloseable {

    /** Starts one helper and connects to it. */
    @FunctionalInterface
    public interface Starter {
        HelperClient start() throws IOException;
    }

    private final Starter starter;
    private HelperClient client;
    private int starts;

    public AdministrativeAccess(Starter starter) {
        this.starter = Objects.requireNonNull(starter);
    }

    /** Through pkexec or sudo (or directly), running {@code helperCommand} ({@code [/usr/bin/corral, helper]}). */
    public static AdministrativeAccess via(Escalation escalation, List<String> helperCommand, Map<String, String> env) {
        escalation.command(helperCommand); // a relative program for pkexec is refused now, not at first use
        return new AdministrativeAccess(() -> HelperClient.start(escalation, helperCommand, env));
    }

    /** True while a helper is running for this console. */
    public synchronized boolean active() {
        return client != null;
    }

    /** How many helpers were started so far (each may have asked for a password). */
    public synchronized int starts() {
        return starts;
    }

    public synchronized CommandResult run(Command command) {
        if (client == null) {
            try {
                client = starter.start();
                starts++;
            } catch (IOException e) {
                return HelperProtocol.refusal(command, ProtocolError.HELPER_UNAVAILABLE, "cannot start the helper: "
                        + e.getMessage());
            }
        }
        CommandResult r = client.run(command);
        if (helperEnded(r)) {
            closeQuietly();
        }
        return r;
    }

    private static boolean helperEnded(CommandResult r) {
        return r instanceof CommandResult.Rejected j && j.failures().stream().map(Failure::message)
                .anyMatch(m -> m.contains("(" + ProtocolError.HELPER_UNAVAILABLE + ")"));
    }

    private void closeQuietly() {
        try {
            client.close();
        } catch (IOException ignored) {
            // it is gone either way
        }
        client = null;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            closeQuietly();
        }
    }
}
