package io.corral.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.cgroup.GroupSpec;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.launch.LaunchSpec;
import io.corral.model.launch.Launched;
import io.corral.model.launch.Launcher;
import io.corral.model.launch.TargetGroups;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.privilege.AdministrativeAccess;
import io.corral.model.privilege.Escalation;
import io.corral.model.launch.LogDirectory;
import io.corral.model.launch.UserMapping;
import io.corral.model.namespace.IdMap;
import io.corral.model.namespace.IdMapWriter;
import io.corral.model.namespace.NamespaceType;
import io.corral.model.proc.ProcFs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code corral launch GROUP [--ns pid,mnt,...] [--map-root] -- CMD ARGS...}: starts a
 * command inside the group from its first instruction, in new namespaces, output to a log.
 */
@Command(name = "launch",
        description = "Start CMD in GROUP (in it from its first instruction) and in new namespaces; "
                + "its output goes to a log file. Prints the PID and the log file.")
public final class LaunchCommand implements Callable<Integer>, ChangesThroughHelper {
    @Parameters(index = "0", paramLabel = "GROUP", description = "/path (every hierarchy that has it) or CONTROLLERS:/path")
    String group;

    @Parameters(index = "1..*", paramLabel = "CMD", arity = "1..*", description = "command and arguments (after --)")
    List<String> command;

    @Option(names = "--ns", split = ",", paramLabel = "TYPE",
            description = "new namespaces: cgroup, ipc, mnt, net, pid, time, user, uts")
    List<String> namespaces = List.of();

    @Option(names = "--map-root", description = "new user namespace with the launching user as root inside")
    boolean mapRoot;

    @Option(names = "--uid-map", paramLabel = "INSIDE OUTSIDE COUNT",
            description = "uid_map of a new user namespace, lines separated by ';' (written by Corral)")
    String uidMap;

    @Option(names = "--gid-map", paramLabel = "INSIDE OUTSIDE COUNT", description = "gid_map, like --uid-map")
    String gidMap;

    @Option(names = {"-w", "--wd"}, paramLabel = "DIR", description = "working directory")
    Path workingDir;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "add an environment variable")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "where the log goes (default $XDG_DATA_HOME/corral/logs or ~/.local/share/corral/logs)")
    Path logDir;

    @Option(names = "--json", description = "print {\"pid\",\"init\",\"log\",\"unshare\"} as JSON")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    CorralCli root;

    @Override
    public Integer call() throws Exception {
        Set<NamespaceType> types = EnumSet.noneOf(NamespaceType.class);
        for (String n : namespaces) {
            types.add(NamespaceType.parse(n).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "unknown namespace type \"" + n + "\" (cgroup, ipc, mnt, net, pid, time, user, uts)")));
        }
        UserMapping mapping = UserMapping.UNMAPPED;
        if (mapRoot && (uidMap != null || gidMap != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--map-root and --uid-map/--gid-map exclude each other");
        }
        if (mapRoot) {
            mapping = UserMapping.MAP_ROOT;
        } else if (uidMap != null || gidMap != null) {
            mapping = new UserMapping.Explicit(parseMap(uidMap), parseMap(gidMap));
        }
        LaunchSpec launchSpec = new LaunchSpec(command, Optional.ofNullable(workingDir), env, types, mapping, List.of());
        Optional<Escalation> admin = AdminOption.parse(root.admin);
        if (admin.isPresent()) {
            return throughHelper(admin.get(), launchSpec);
        }
        LogDirectory logs = logDir == null ? LogDirectory.fromEnvironment() : new LogDirectory(logDir.toAbsolutePath());
        Launcher launcher = new Launcher(CgroupFs.live(), ProcFs.live(), IdMapWriter.live(), logs);
        Launched l = launcher.launchInto(GroupSpec.parse(group), launchSpec);
        List<Path> groups = l.groups();
        OptionalLong init = l.awaitInit(Duration.ofSeconds(5));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", l.pid());
            m.put("init", init.isPresent() ? init.getAsLong() : null);
            m.put("log", l.logFile().toString());
            m.put("unshare", l.displayLine());
            m.put("groups", groups.stream().map(Path::toString).toList());
            out.println(new ObjectMapper().writeValueAsString(m));
        } else {
            out.println("pid " + l.pid() + (l.forked() ? " (unshare)" : ""));
            init.ifPresent(p -> out.println("init " + p + " (PID 1 of the new pid namespace)"));
            out.println("log " + l.logFile());
            out.println("as  " + l.displayLine());
        }
        out.flush();
        return 0;
    }

    /**
     * {@code --admin}: the helper launches (as this user) into groups this user may not
     * write; the result is its report (pid, log, equivalent command line).
     */
    private int throughHelper(Escalation how, LaunchSpec launchSpec) throws Exception {
        CgroupFs fs = CgroupFs.live();
        List<Path> dirs = TargetGroups.resolve(fs, new HierarchyDiscovery(fs).discover(), GroupSpec.parse(group));
        try (AdministrativeAccess access = AdministrativeAccess.via(how, HelperCommandLine.forThisJvm(System.getenv()),
                Map.of())) {
            return ResultPrinter.print(access.run(new io.corral.model.command.Command.Launch(launchSpec.withGroups(dirs))),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    private IdMap parseMap(String text) throws Exception {
        return text == null ? IdMap.EMPTY : IdMap.parse(text.replace(';', '\n'));
    }
}
