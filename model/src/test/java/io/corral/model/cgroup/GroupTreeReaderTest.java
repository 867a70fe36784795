package io.corral.model.cgroup;

import io.corral.model.kernel.CgroupFs;
import io.corral.model.kernel.DirStat;
import io.corral.model.kernel.ReadProblem;
import io.corral.model.limit.Knob;
import io.corral.model.testing.FixtureHost;
import io.corral.model.testing.FixtureScenes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupTreeReaderTest {
    @TempDir
    Path dir;

    private static Hierarchy hierarchy(FixtureHost host, String id) throws Exception {
        return new HierarchyDiscovery(host.fs()).discover().stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void inodeIsTheDirectorysInode() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        List<ReadProblem> problems = new ArrayList<>();
        HierarchyTree t = new GroupTreeReader(host.fs()).read(hierarchy(host, "unified"), problems).orElseThrow();
        Group api = t.find(GroupPath.ofKernel("/web/api")).orElseThrow();
        assertEquals(((Number) Files.getAttribute(host.path("/sys/fs/cgroup/web/api"), "unix:ino")).longValue(), api.inode());
        assertEquals(List.of(), problems);
    }

    @Test
    void subtreeStartsAtTheGivenGroup() throws Exception {
        FixtureHost host = FixtureScenes.legacy(dir);
        List<ReadProblem> problems = new ArrayList<>();
        HierarchyTree t = new GroupTreeReader(host.fs()).read(hierarchy(host, "cpu"), GroupPath.ofKernel("/web"), problems)
                .orElseThrow();
        assertEquals("/web", t.root().path().toString());
        assertEquals(List.of("/web", "/web/api"), t.root().flatten().stream().map(g -> g.path().toString()).toList());
        assertTrue(new GroupTreeReader(host.fs()).read(hierarchy(host, "cpu"), GroupPath.ofKernel("/nope"), problems).isEmpty());
    }

    @Test
    void aGroupRemovedDuringTheWalkIsLeftOutWithoutAProblem() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        Path batch = host.path("/sys/fs/cgroup/batch");
        // A reader that removes /batch just before it is read, as rmdir by someone else would.
        GroupReader racing = new GroupReader(host.fs()) {
            @Override
            public Optional<Group> read(Hierarchy h, GroupPath path, Path d, DirStat stat, List<ReadProblem> problems) {
                if (d.equals(batch)) {
                    host.remove("/sys/fs/cgroup/batch");
                }
                return super.read(h, path, d, stat, problems);
            }
        };
        List<ReadProblem> problems = new ArrayList<>();
        HierarchyTree t = new GroupTreeReader(racing).read(hierarchy(host, "unified"), problems).orElseThrow();
        assertEquals(List.of("/", "/web", "/web/api"), t.root().flatten().stream().map(g -> g.path().toString()).toList());
        assertEquals(List.of(), problems);
    }

    @Test
    void aMalformedFileIsAProblemAndTheRestOfTheGroupStillReads() throws Exception {
        FixtureHost host = FixtureScenes.unified(dir);
        host.file("/sys/fs/cgroup/web/cpu.stat", "usage_usec lots\n");
        host.file("/sys/fs/cgroup/web/cgroup.procs", "12\nnot-a-pid\n");
        List<ReadProblem> problems = new ArrayList<>();
        Group web = new GroupTreeReader(host.fs()).read(hierarchy(host, "unified"), problems).orElseThrow()
                .find(GroupPath.ofKernel("/web")).orElseThrow();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(web.usage().cpu().isEmpty(), "malformed cpu.stat: absent, not zero");
        assertEquals(Optional.of(List.of(12)), web.processes());
        assertTrue(web.limits().get(Knob.MEMORY_MAX).isPresent());
    }

    @Test
    void absentFilesAreAbsentNotZero() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        List<ReadProblem> problems = new ArrayList<>();
        Group root = new GroupTreeReader(host.fs()).read(hierarchy(host, "unified"), problems).orElseThrow().root();
        // The hybrid unified root has no controllers: no memory, no pids, no limits, no freezer.
        assertTrue(root.usage().memory().isEmpty());
        assertTrue(root.usage().pidsCurrent().isEmpty());
        assertTrue(root.limits().isEmpty());
        assertTrue(root.freezer().isEmpty());
        assertTrue(root.populated().isEmpty());
        assertTrue(root.type().isEmpty());
        Group web = root.find(GroupPath.ofKernel("/web")).orElseThrow();
        assertEquals(Optional.of(FreezeState.THAWED), web.freezer());
        assertEquals(Optional.of(true), web.populated());
        assertEquals(Optional.of(List.of()), web.controllers());
    }

    @Test
    void v1FreezerStatesAndV2FreezingInProgress() throws Exception {
        FixtureHost host = FixtureScenes.hybrid(dir);
        host.cgroup("freezer", "/thawing", "freezer.state", "FREEZING\n");
        host.cgroup("unified", "/asked", "cgroup.freeze", "1\n", "cgroup.events", "populated 1\nfrozen 0\n");
        List<ReadProblem> problems = new ArrayList<>();
        GroupTreeReader r = new GroupTreeReader(host.fs());
        HierarchyTree freezer = r.read(hierarchy(host, "freezer"), problems).orElseThrow();
        assertEquals(Optional.of(FreezeState.FROZEN), freezer.find(GroupPath.ofKernel("/web")).orElseThrow().freezer());
        assertEquals(Optional.of(FreezeState.FREEZING), freezer.find(GroupPath.ofKernel("/thawing")).orElseThrow().freezer());
        assertTrue(freezer.root().freezer().isEmpty(), "the freezer root has no freezer.state");
        HierarchyTree unified = r.read(hierarchy(host, "unified"), problems).orElseThrow();
        assertEquals(Optional.of(FreezeState.FREEZING), unified.find(GroupPath.ofKernel("/asked")).orElseThrow().freezer());
        assertEquals(List.of(), problems);
    }

    @Test
    void linkCountTellsLeavesFromParents() throws Exception {
        FixtureHost host = FixtureScenes.legacy(dir);
        CgroupFs fs = host.fs();
        assertFalse(fs.stat(host.path("/sys/fs/cgroup/cpu/web/api")).orElseThrow().hasSubdirectories());
        assertTrue(fs.stat(host.path("/sys/fs/cgroup/cpu/web")).orElseThrow().hasSubdirectories());
        assertTrue(fs.stat(host.path("/sys/fs/cgroup/cpu/gone")).isEmpty());
    }
}
