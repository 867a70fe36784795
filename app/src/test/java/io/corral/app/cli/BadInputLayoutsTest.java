package io.corral.app.cli;

import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The CLI bad-input table of {@link BadInputCliTest} on the other two layouts: a pure
 * cgroup2 host ({@code /sys/fs/cgroup} is the unified mount) and a v1-only one. Same
 * refusals, no write, fixture tree unchanged.
 */
class BadInputLayoutsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of("unified", "legacy").flatMap(layout -> BadInputTable.rows().map(row -> Arguments.of(layout,
                row.command("/corral-test-a", "/corral-test-a", "corral-test-a", 4242), row.reason())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void refusedBeforeAnyWrite(String layout, String[] args, String reason) throws Exception {
        Function<Path, FixtureHost> make = layout.equals("unified") ? FixtureHost::unified : FixtureHost::legacy;
        CliFixture f = new CliFixture(make.apply(dir.resolve("host")), dir.resolve("journal.jsonl"));
        if (layout.equals("unified")) {
            f.host.cgroup("unified", "/corral-test-a", "pids.max", "max\n", "memory.max", "max\n");
        } else {
            f.host.cgroup("pids", "/corral-test-a", "pids.max", "max\n");
            f.host.cgroup("memory", "/corral-test-a");
        }
        f.tasks.process(4242, 'S');
        List<String> before = TreeDigest.of(f.host.root(), false);
        int rc = f.run(args);
        BadInputTable.assertRefused(reason, rc, f.err, f.writes);
        assertEquals(before, TreeDigest.of(f.host.root(), false));
    }
}
