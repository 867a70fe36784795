package io.corral.model.namespace;

import io.corral.model.proc.ProcFs;
import io.corral.model.testing.LiveCgroups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unprivileged rules, with the writer running as user 65534 (setpriv) on a user
 * namespace that user created: only its own id may be mapped, and gid_map only after
 * setgroups is denied, which the unprivileged writer does by itself.
 */
@ExtendWith(LiveCgroups.class)
class IdMapWriterUnprivilegedLiveTest {
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
    private final ProcFs proc = ProcFs.live();
    private long pid;

    @BeforeEach
    void namespaceOfNobody(LiveCgroups live) throws Exception {
        LiveCgroups.assumeLiveKernel();
        List<String> cmd = new java.util.ArrayList<>(AS_NOBODY);
        cmd.addAll(List.of("unshare", "--user", "sleep", "60"));
        pid = NamespaceReaderLiveTest.sleeper(live.start(cmd.toArray(String[]::new)));
        for (int i = 0; i < 200 && proc.namespaceLink(pid, "user").equals(proc.namespaceLink(1, "user")); i++) {
            Thread.sleep(5);
        }
    }

    private String writeAsNobody(LiveCgroups live, String kind, String map) throws IOException, InterruptedException {
        String cp = System.getProperty("java.class.path");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(AS_NOBODY);
        cmd.addAll(List.of(java.toString(), "-cp", cp, UnprivilegedMapWrite.class.getName(), Long.toString(pid), kind, map));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        live.own(p);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    @Test
    void mappingAnotherIdIsRefusedWithTheKernelsEperm(LiveCgroups live) throws Exception {
        String out = writeAsNobody(live, "uid", "0 0 1");
        assertTrue(out.startsWith("EPERM: the kernel refused to write uid_map"), out);
        assertTrue(out.contains("lacks CAP_SETUID"), out);
        assertEquals("", proc.read(pid, "uid_map").orElseThrow());
    }

    @Test
    void itsOwnIdIsMappedAndTheGidMapFollowsASetgroupsDeny(LiveCgroups live) throws Exception {
        assertEquals("written", writeAsNobody(live, "uid", "0 65534 1"));
        assertEquals("written", writeAsNobody(live, "gid", "0 65534 1"));
        assertEquals("deny", proc.read(pid, "setgroups").orElseThrow().trim());
        assertEquals(IdMap.parse("0 65534 1"), IdMap.parse(proc.read(pid, "gid_map").orElseThrow()));
    }
}
