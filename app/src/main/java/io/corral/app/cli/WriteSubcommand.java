package io.corral.app.cli;

import io.corral.model.cgroup.GroupSpec;
import io.corral.model.command.Command;
import io.corral.model.command.CommandEngine;
import io.corral.model.command.CommandResult;
import io.corral.model.command.GroupRef;
import io.corral.model.input.InvalidInputException;

import io.corral.model.privilege.AdministrativeAccess;
import io.corral.model.privilege.Escalation;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shared shape of the subcommands that change the host: parse everything first (bad input
 * is one line on stderr and nothing reaches the kernel), build commands, run them through
 * the engine, print what the kernel holds now.
 */
abstract class WriteSubcommand extends HostSubcommand {

    static GroupSpec group(String text) throws InvalidInputException {
        return GroupSpec.parse(text);
    }

    /** One command, or an all-or-nothing sequence over several hierarchies. */
    static Command together(String description, List<? extends Command> commands) {
        return commands.size() == 1 ? commands.get(0) : new Command.Sequence(description, List.copyOf(commands), true);
    }

    /**
     * Runs {@code c} here, or through the privileged helper with {@code --admin}; a change
     * the kernel refused for permission, as a normal user, ends with the flag that would
     * escalate it.
     */
    int run(CliHost host, Command c, PrintWriter out, PrintWriter err) throws InvalidInputException {
        Optional<Escalation> how = AdminOption.parse(root.admin);
        if (how.isPresent()) {
            try (AdministrativeAccess admin = AdministrativeAccess.via(how.get(),
                    HelperCommandLine.forThisJvm(System.getenv()), Map.of())) {
                return ResultPrinter.print(admin.run(c), out, err);
            }
        }
        CommandResult r;
        try (CommandEngine engine = host.engine()) {
            r = engine.run(c);
        }
        int status = ResultPrinter.print(r, out, err);
        AdminOption.hint(r, host, spec.root().commandLine().getParseResult().originalArgs()).ifPresent(err::println);
        return status;
    }

    static String describeAll(String verb, List<GroupRef> groups) {
        return verb + " " + String.join(" ", groups.stream().map(GroupRef::toString).toList());
    }
}
