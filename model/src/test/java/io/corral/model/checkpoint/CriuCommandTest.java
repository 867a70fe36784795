package io.corral.model.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CriuCommandTest {
    @TempDir
    Path tmp;

    private Path executable(String rel) throws Exception {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void configuredPathWinsOverProvisionedAndPath() throws Exception {
        Path configured = executable("conf/criu");
        Path provisioned = executable("opt/bin/criu");
        executable("bin/criu");
        assertEquals("configured", CriuCommand.locate(Optional.of(configured), provisioned,
                tmp.resolve("bin").toString()).orElseThrow().source());
    }

    @Test
    void provisionedWrapperComesBeforePath() throws Exception {
        Path provisioned = executable("opt/bin/criu");
        executable("bin/criu");
        CriuCommand c = CriuCommand.locate(Optional.empty(), provisioned, tmp.resolve("bin").toString()).orElseThrow();
        assertEquals(List.of(provisioned.toString()), c.prefix());
        assertEquals("provisioned", c.source());
    }

    @Test
    void pathIsSearchedInOrderSkippingNonExecutables() throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        Files.writeString(tmp.resolve("a/criu"), "not executable");
        Path b = executable("b/criu");
        CriuCommand c = CriuCommand.locate(Optional.empty(), tmp.resolve("none"),
                tmp.resolve("a") + ":" + tmp.resolve("b")).orElseThrow();
        assertEquals(List.of(b.toString()), c.prefix());
        assertEquals(Optional.empty(), CriuCommand.locate(Optional.empty(), tmp.resolve("none"), tmp.resolve("a").toString()));
    }

    @Test
    void lineAppendsArgumentsAndEnvironmentIsKept() {
        CriuCommand c = new CriuCommand(List.of("/lib/ld.so", "--library-path", "/lib", "/sbin/criu"), Map.of(), "t")
                .withEnv("CRIU_FAULT", "130");
        assertEquals(List.of("/lib/ld.so", "--library-path", "/lib", "/sbin/criu", "check"), c.line("check"));
        assertEquals("CRIU_FAULT=130 /lib/ld.so --library-path /lib /sbin/criu", c.display());
    }
}
