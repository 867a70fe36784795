package io.corral.model.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The fields of {@code /proc/<pid>/status} the model uses. Each is absent when its line
 * is: {@code NSpid:} came with kernel 4.1, {@code VmRSS:} is missing for kernel threads
 * and zombies (no address space, which is not a size of 0).
 *
 * @param name   the {@code Name:} line (the command name, as in comm); empty text if absent
 * @param uid    the real uid: first field of {@code Uid:}
 * @param nsPids the pid in each pid namespace the process is in, outermost first ({@code NSpid:})
 * @param vmRss  resident set size in bytes ({@code VmRSS:}, printed in kB)
 */
public record ProcStatus(String name, OptionalInt uid, List<Long> nsPids, OptionalLong vmRss) {
    public ProcStatus {
        Objects.requireNonNull(name);
        Objects.requireNonNull(uid);
        nsPids = List.copyOf(nsPids);
        Objects.requireNonNull(vmRss);
    }

    /** Parses the whole file; a line that does not have its documented shape counts as absent. */
    public static ProcStatus parse(String text) {
        String name = "";
        OptionalInt uid = OptionalInt.empty();
        List<Long> nsPids = List.of();
        OptionalLong vmRss = OptionalLong.empty();
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                end = text.length();
            }
            // About 55 lines, four wanted: compare in place, cut out only those.
            if (text.startsWith("Name:", at)) {
                name = text.substring(at + 5, end).strip();
            } else if (text.startsWith("Uid:", at)) {
                List<Long> f = numbers(text.substring(at + 4, end));
                uid = f.isEmpty() || f.get(0) > 0xFFFF_FFFFL ? OptionalInt.empty() : OptionalInt.of((int) (long) f.get(0));
            } else if (text.startsWith("NSpid:", at)) {
                nsPids = numbers(text.substring(at + 6, end));
            } else if (text.startsWith("VmRSS:", at)) {
                List<Long> f = numbers(text.substring(at + 6, end).replace("kB", ""));
                vmRss = f.isEmpty() ? OptionalLong.empty() : OptionalLong.of(f.get(0) * 1024);
            }
            at = end + 1;
        }
        return new ProcStatus(name, uid, nsPids, vmRss);
    }

    /** The whitespace-separated decimal numbers of a line; empty when any is not one. */
    private static List<Long> numbers(String fields) {
        List<Long> out = new ArrayList<>();
        for (String f : fields.strip().split("\\s+")) {
            if (f.isEmpty()) {
                continue;
            }
            if (f.length() > 19 || !f.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return List.of();
            }
            out.add(Long.parseLong(f));
        }
        return out;
    }
}
