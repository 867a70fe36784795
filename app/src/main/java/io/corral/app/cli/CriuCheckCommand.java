package io.corral.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.model.checkpoint.CriuCommand;
import io.corral.model.checkpoint.CriuStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code corral criu-check}: which CRIU, its version, {@code criu check}, and the self-test. */
@Command(name = "criu-check", description = {"Find CRIU, print its version and `criu check`, and run Corral's self-test",
        "(dump and restore of a throwaway process). Exit status 1 when checkpointing is unavailable."})
final class CriuCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOption catalog;
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CriuStatus s = catalog.service().refreshCriuStatus();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("available", s.available());
            o.put("reason", s.reason());
            o.put("command", s.command().map(CriuCommand::display).orElse(null));
            o.put("source", s.command().map(CriuCommand::source).orElse(null));
            o.put("version", s.version().orElse(null));
            o.put("check", s.check().strip());
            o.put("selfTestDumpMillis", s.dumpMillis());
            o.put("selfTestRestoreMillis", s.restoreMillis());
            out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            out.println("criu:      " + s.command().map(c -> c.display() + " (" + c.source() + ")").orElse("not found"));
            out.println("version:   " + s.version().orElse("?"));
            out.println("check:     " + s.check().strip().replace("\n", "\n           "));
            out.println("self-test: " + (s.available() ? "passed" : "FAILED") + " — " + s.reason()
                    + (s.available() ? " (dump " + s.dumpMillis() + " ms, restore " + s.restoreMillis() + " ms)" : ""));
        }
        if (!s.available()) {
            spec.commandLine().getErr().println("corral: checkpointing is unavailable: " + s.reason());
            return 1;
        }
        return 0;
    }
}
