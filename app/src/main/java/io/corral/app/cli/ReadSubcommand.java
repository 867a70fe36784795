package io.corral.app.cli;

import io.corral.model.kernel.ReadProblem;
import io.corral.model.proc.ProcFs;
import io.corral.model.sample.SnapshotReader;

import java.io.PrintWriter;
import java.util.List;

/**
 * Shared shape of the subcommands that only read the host: bad input or an unreadable
 * mount table is one line on stderr and exit 1; files that could not be read on the way
 * are listed on stderr after the output (the output is still printed).
 */
abstract class ReadSubcommand extends HostSubcommand {
    static SnapshotReader snapshots(CliHost host) {
        return new SnapshotReader(host.fs(), new ProcFs(host.fs().hostRoot()));
    }

    static void report(List<ReadProblem> problems, PrintWriter err) {
        problems.forEach(p -> err.println("corral: could not read " + p));
        err.flush();
    }
}
