package io.corral.app.cli;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.command.GroupRef;
import io.corral.model.input.DecimalPid;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.KernelException;
import io.corral.model.privilege.EscalationAvailability;
import io.corral.model.privilege.Privileges;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code corral privileges [GROUP] [--pid PID] [--sudoers]}: what this user may change in
 * GROUP without administrative access, each "no" with its reason (the console disables the
 * same actions with the same text), and whether sudo and pkexec can start the helper here.
 * {@code --sudoers} prints the one sudoers rule that lets this user run exactly the helper.
 * Exit 0 whatever the answers.
 */
@CommandLine.Command(name = "privileges", description = "What you may change in GROUP yourself (delegation), and why "
        + "not; --pid PID also checks moving that process into GROUP; whether sudo and pkexec can escalate here.")
final class PrivilegesCommand extends ReadSubcommand {
    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "GROUP")
    String group;

    @CommandLine.Option(names = "--sudoers", description = "print the sudoers rule (for /etc/sudoers.d) that lets you "
            + "run exactly the privileged helper without a password")
    boolean sudoers;

    @CommandLine.Option(names = "--pid", paramLabel = "PID", description = "check moving this process into GROUP")
    String pid;

    @Override
    int execute(CliHost host, PrintWriter out, PrintWriter err) throws InvalidInputException, KernelException {
        if (sudoers) {
            try {
                out.println(HelperCommandLine.sudoersRule(System.getProperty("user.name"),
                        HelperCommandLine.forThisJvm(System.getenv())));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--sudoers", e.getMessage());
            }
            return ResultPrinter.OK;
        }
        Optional<Integer> p = pid == null ? Optional.empty() : Optional.of(DecimalPid.parse(pid));
        Privileges privileges = Privileges.ofThisProcess(host.fs());
        out.println("uid " + privileges.uid() + (privileges.isRoot() ? " (root): everything the kernel allows"
                : ": only what is delegated to you; the rest needs administrative access"));
        for (EscalationAvailability.Availability a : EscalationAvailability.live().all()) {
            out.println("administrative access through " + a);
        }
        if (group == null) {
            return ResultPrinter.OK;
        }
        GroupSpec spec = GroupSpec.parse(group);
        List<GroupRef> groups = host.targets().existing(spec);
        for (GroupRef g : groups) {
            out.println(g);
            line(out, "create or remove child groups", privileges.canCreateIn(g));
            line(out, "change its settings (" + (g.isV2() ? "cgroup.subtree_control" : "cgroup.procs") + ")",
                    privileges.canConfigure(g, g.isV2() ? "cgroup.subtree_control" : "cgroup.procs"));
            if (p.isPresent()) {
                Optional<GroupPath> from = host.tasks().groupOf(p.get(), false, g.hierarchy());
                if (from.isEmpty()) {
                    out.println("  move " + p.get() + " into it: no — process " + p.get() + " does not exist");
                } else {
                    OptionalInt owner = host.fs().owner(host.fs().onHost("/proc/" + p.get()));
                    line(out, "move " + p.get() + " into it", privileges.canMove(new GroupRef(g.hierarchy(), from.get()),
                            g, owner));
                }
            }
        }
        return ResultPrinter.OK;
    }

    private static void line(PrintWriter out, String what, Privileges.Verdict v) {
        out.println("  " + what + ": " + (v.allowed() ? "yes" : "no — " + v.reason()));
    }
}
