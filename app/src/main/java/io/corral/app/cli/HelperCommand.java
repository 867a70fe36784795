package io.corral.app.cli;

import io.corral.model.command.CommandEngine;
import io.corral.model.kernel.KernelException;
import io.corral.model.privilege.CommandDecoder;
import io.corral.model.privilege.HelperPolicy;
import io.corral.model.privilege.HelperServer;
import io.corral.model.privilege.Requester;
import io.corral.model.launch.Launcher;
import io.corral.model.launch.RunAs;
import io.corral.model.namespace.IdMapWriter;
import picocli.CommandLine;

import io.corral.model.command.Journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code corral helper}: the privileged helper the console starts through pkexec or sudo.
 * Speaks {@link io.corral.model.privilege.HelperProtocol} on stdin/stdout, one JSON object
 * per line, until stdin ends. Not meant to be typed by people.
 */
@CommandLine.Command(name = "helper", hidden = true, description = "Privileged helper: command records as JSON lines "
        + "on stdin, results on stdout (started by the console through pkexec or sudo).")
final class HelperCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    CorralCli root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** pkexec sets PKEXEC_UID, sudo sets SUDO_UID: the user who asked for administrative access. */
    static boolean escalated(Map<String, String> env) {
        return env.containsKey("PKEXEC_UID") || env.containsKey("SUDO_UID");
    }

    @Override
    public Integer call() {
        CliHost host = root.host();
        if (escalated(System.getenv())) {
            // Started through pkexec or sudo: the journal is root's own, whatever the
            // environment says (a root process appending to a file the user names is a hole).
            host = new CliHost(host.fs(), host.tasks(), Optional.of(Journal.atDefaultLocation()));
        }
        // Launches and id maps act for the user who asked (SUDO_UID / PKEXEC_UID): the policy
        // grants only what that user could get alone, and launched commands run as that user.
        Optional<Requester> requester = Requester.fromEnvironment(System.getenv(), Path.of("/etc/passwd"));
        Optional<RunAs> runAs = requester.filter(r -> !r.isRoot()).map(r -> new RunAs(r.uid(), r.gid()));
        try (CommandEngine engine = host.engine()) {
            engine.enableNamespaces(Launcher.live().runningAs(runAs), IdMapWriter.live());
            new HelperServer(new CommandDecoder(host.hierarchies()), engine, new HelperPolicy(requester, Path.of("/")))
                    .serve(System.in, System.out);
            return 0;
        } catch (KernelException e) {
            spec.commandLine().getErr().println("corral helper: cannot read the mount table: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("corral helper: " + e.getMessage());
            return 1;
        }
    }
}
