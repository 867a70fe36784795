package io.corral.model.cgroup;

import io.corral.model.kernel.DirStat;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GroupReader#filesRead} names every file {@link GroupReader#readWithout} depends on:
 * the tracking sampler reads a group again only when one of those files changed, so a file
 * missing from the list would be a change never seen. Each fixture file is changed in turn;
 * where the reading changes, the file must be listed.
 */
class GroupReaderFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "unified", "hybrid"})
    void everyFileWhoseChangeChangesTheReadingIsListed(String layout) throws Exception {
        FixtureHost host = switch (layout) {
            case "legacy" -> FixtureScenes.legacy(dir);
            case "unified" -> FixtureScenes.unified(dir);
            default -> FixtureScenes.hybrid(dir);
        };
        GroupReader reader = new GroupReader(host.fs());
        int changing = 0;
        for (Hierarchy h : new HierarchyDiscovery(host.fs()).discover()) {
            List<String> listed = GroupReader.filesRead(h);
            List<String> usageListed = GroupReader.usageFilesRead(h);
            assertTrue(listed.containsAll(usageListed));
            for (String group : List.of("/web", "/web/api")) {
                Path g = host.path(host.mount(h.id()) + group);
                if (!Files.isDirectory(g)) {
                    continue;
                }
                GroupPath path = GroupPath.ofKernel(group);
                Group before = read(reader, h, path, g);
                List<Object> usageBefore = usage(reader, h, g);
                List<Path> files;
                try (Stream<Path> s = Files.list(g)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    String was = Files.readString(f);
                    Files.writeString(f, changed(was));
                    Group after = read(reader, h, path, g);
                    List<Object> usageAfter = usage(reader, h, g);
                    Files.writeString(f, was);
                    if (!usageAfter.equals(usageBefore)) {
                        assertTrue(usageListed.contains(name), h.id() + ":" + group + " usage reads " + name
                                + " but usageFilesRead does not list it: " + usageListed);
                    }
                    if (!after.equals(before)) {
                        changing++;
                        assertTrue(listed.contains(name), h.id() + ":" + group + " reads " + name
                                + " (its change changed the reading) but filesRead does not list it: " + listed);
                    }
                }
            }
        }
        assertNotEquals(0, changing, "the fixture has files whose change shows");
    }

    private static Group read(GroupReader reader, Hierarchy h, GroupPath path, Path g) {
        List<ReadProblem> problems = new ArrayList<>();
        return reader.readWithout(h, path, g, new DirStat(1, 2), problems);
    }

    private static List<Object> usage(GroupReader reader, Hierarchy h, Path g) {
        List<ReadProblem> problems = new ArrayList<>();
        return List.of(reader.usage(h, g, problems), reader.state(h, g, problems));
    }

    /** Another value of the same shape where there is a digit to change; else something else. */
    private static String changed(String was) {
        for (int i = 0; i < was.length(); i++) {
            char c = was.charAt(i);
            if (c >= '1' && c <= '9') {
                return was.substring(0, i) + (char) (c == '9' ? '1' : c + 1) + was.substring(i + 1);
            }
        }
        return was.isBlank() ? "1\n" : was.strip() + "x\n";
    }
}
