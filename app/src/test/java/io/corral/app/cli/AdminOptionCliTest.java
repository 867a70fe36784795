package io.corral.app.cli;

import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --admin} given to a subcommand that does not go through the helper is refused, not ignored. */
class AdminOptionCliTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    // export prints a spec (a file, not the host): it does not take the flag either.
    @ValueSource(strings = {"tree", "get /web", "top --batch --iterations 1", "privileges", "checkpoints", "export /web"})
    void aCommandThatDoesNotGoThroughTheHelperRefusesTheFlagAndPrintsNothingElse(String command) {
        FixtureHost host = FixtureScenes.hybrid(dir);
        String[] args = ("--admin sudo " + command).split(" ");
        TreeAndGetCliTest.Run r = TreeAndGetCliTest.corral(host, args);
        assertEquals(2, r.status(), r.err());
        String name = command.split(" ")[0];
        assertEquals("corral: --admin sudo is for commands that change the host through the privileged helper ("
                + CorralCli.ADMIN_COMMANDS + "); corral " + name + " does not use it: run it without --admin\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void helpStillWorksWithTheFlag() {
        TreeAndGetCliTest.Run r = TreeAndGetCliTest.corral(FixtureScenes.hybrid(dir), "--admin", "sudo", "tree", "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Usage: corral tree"), r.out());
    }

    @Test
    void theListInTheMessageIsExactlyTheSubcommandsThatTakeTheFlag() {
        Map<String, CommandLine> subcommands = new CommandLine(new CorralCli()).getSubcommands();
        TreeSet<String> taking = subcommands.entrySet().stream()
                .filter(e -> e.getValue().getCommand() instanceof ChangesThroughHelper)
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        List<String> listed = Arrays.stream(CorralCli.ADMIN_COMMANDS.split(", ")).sorted().toList();
        assertEquals(List.copyOf(taking), listed);
    }
}
