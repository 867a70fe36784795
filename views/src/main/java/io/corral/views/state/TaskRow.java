package io.corral.views.state;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One process of a group as the task table shows it.
 *
 * @param pid          process id (thread group id)
 * @param command      comm or the first words of cmdline
 * @param user         user name (or uid) of the real uid
 * @param state        one-letter state from /proc/PID/stat (R, S, D, Z, T, I)
 * @param cpuPercent   CPU % of one core since the previous sample (absent on the first)
 * @param rssBytes     resident set size
 * @param threads      number of threads
 * @param kernelThread true for kernel threads (PF_KTHREAD): the kernel refuses to move them
 * @param namespaces   a short summary of namespaces differing from init's (absent when unknown)
 */
public record TaskRow(long pid, String command, String user, String state, OptionalDouble cpuPercent,
                      OptionalLong rssBytes, int threads, boolean kernelThread, Optional<String> namespaces) {
    public boolean isZombie() {
        return "Z".equals(state);
    }
}
