package io.corral.app.cli;

import io.corral.model.testing.FixtureScenes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every subcommand answers {@code --help} with its usage (it was once read as a group path). */
class HelpCliTest {
    @TempDir
    Path dir;

    static Stream<String> subcommands() {
        return new CommandLine(new CorralCli()).getSubcommands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void helpPrintsTheUsageAndTouchesNothing(String name) {
        TreeAndGetCliTest.Run r = TreeAndGetCliTest.corral(FixtureScenes.hybrid(dir), name, "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Usage: corral " + name + " "), r.out());
        assertEquals("", r.err());
    }
}
