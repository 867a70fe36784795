package io.corral.model.spec;

import io.corral.model.cgroup.GroupPath;
import io.corral.model.cgroup.Hierarchy;
import io.corral.model.cgroup.HierarchyDiscovery;
import io.corral.model.command.Command;
import io.corral.model.command.GroupRef;
import io.corral.model.input.InvalidInputException;
import io.corral.model.kernel.CgroupFs;
import io.corral.model.limit.Setting;
import io.corral.model.testing.FixtureHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecTest {
    @TempDir
    Path dir;

    private static Hierarchy h(List<Hierarchy> hs, String id) {
        return hs.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void exportedSubtreeReadsBackAndPlansNothingOnTheSameHost() throws Exception {
        FixtureHost host = FixtureHost.hybrid(dir.resolve("a"));
        host.group("/sys/fs/cgroup/pids/corral-test-web", "pids.max", "64\n");
        host.group("/sys/fs/cgroup/pids/corral-test-web/db", "pids.max", "max\n");
        CgroupFs fs = host.fs();
        List<Hierarchy> hs = new HierarchyDiscovery(fs).discover();
        GroupRef top = new GroupRef(h(hs, "pids"), GroupPath.ofKernel("/corral-test-web"));
        HostSpec spec = new SpecExporter(fs).export(List.of(top), new ArrayList<>());
        String json = SpecJson.write(spec);
        assertEquals(spec, SpecJson.read(json));
        assertTrue(json.contains("\"pids.max\" : \"64\""), json);
        assertEquals(List.of(), new SpecPlanner(fs).plan(spec, hs));
    }

    @Test
    void onAnotherHostThePlanCreatesParentsFirstThenSetsLimits() throws Exception {
        FixtureHost other = FixtureHost.hybrid(dir.resolve("b"));
        List<Hierarchy> hs = new HierarchyDiscovery(other.fs()).discover();
        HostSpec spec = SpecJson.read("""
                {"format":"corral-spec/1","hierarchies":[{"hierarchy":"pids","groups":[
                  {"path":"/corral-test-web/db","limits":{"pids.max":"max"}},
                  {"path":"/corral-test-web","limits":{"pids.max":"64"}}]}]}""");
        List<Command> plan = new SpecPlanner(other.fs()).plan(spec, hs);
        GroupRef web = new GroupRef(h(hs, "pids"), GroupPath.ofKernel("/corral-test-web"));
        assertEquals(List.of(new Command.CreateGroup(web),
                new Command.SetLimits(web, List.of(Setting.parse("pids.max=64"))),
                new Command.CreateGroup(web.child("db")),
                new Command.SetLimits(web.child("db"), List.of(Setting.parse("pids.max=max")))), plan);
    }

    @Test
    void badSpecsAreRefusedAsInput() {
        String[] bad = {
            "not json",
            "{\"format\":\"other/9\",\"hierarchies\":[]}",
            "{\"format\":\"corral-spec/1\",\"hierarchies\":[{\"hierarchy\":\"pids\",\"groups\":[{\"path\":\"/../etc\"}]}]}",
            "{\"format\":\"corral-spec/1\",\"hierarchies\":[{\"hierarchy\":\"pids\",\"groups\":[{\"path\":\"/a/cgroup.procs\"}]}]}",
            "{\"format\":\"corral-spec/1\",\"hierarchies\":[{\"hierarchy\":\"pids\",\"groups\":[{\"path\":\"/\"}]}]}",
            "{\"format\":\"corral-spec/1\",\"hierarchies\":[{\"hierarchy\":\"pids\",\"groups\":[{\"path\":\"/a\",\"limits\":{\"pids.max\":\"-5\"}}]}]}",
        };
        for (String json : bad) {
            assertThrows(InvalidInputException.class, () -> SpecJson.read(json), json);
        }
    }

    @Test
    void aSpecForAnUnmountedHierarchyOrAMissingParentIsRefused() throws Exception {
        FixtureHost host = FixtureHost.unified(dir.resolve("c"));
        List<Hierarchy> hs = new HierarchyDiscovery(host.fs()).discover();
        HostSpec v1 = SpecJson.read("{\"format\":\"corral-spec/1\",\"hierarchies\":[{\"hierarchy\":\"pids\",\"groups\":[]}]}");
        assertThrows(InvalidInputException.class, () -> new SpecPlanner(host.fs()).plan(v1, hs));
        HostSpec orphan = SpecJson.read("{\"format\":\"corral-spec/1\",\"hierarchies\":[{\"hierarchy\":\"unified\","
                + "\"groups\":[{\"path\":\"/corral-test-x/y\"}]}]}");
        assertThrows(InvalidInputException.class, () -> new SpecPlanner(host.fs()).plan(orphan, hs));
    }
}
