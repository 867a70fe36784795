package io.corral.model.namespace;

import io.corral.model.input.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A {@code uid_map} or {@code gid_map}: the ranges, validated by the rules the kernel's
 * {@code map_write()} applies (kernel/user_namespace.c), so a bad map is refused with a
 * reason before the single write that the kernel allows.
 */
public record IdMap(List<IdMapRange> ranges) {
    /** Since Linux 4.15 a map holds at most 340 lines (UID_GID_MAP_MAX_EXTENTS). */
    public static final int MAX_LINES = 340;
    /** The whole map must fit in one write shorter than a page ({@code count >= PAGE_SIZE} is EINVAL). */
    public static final int MAX_BYTES = 4095;
    /** Ids are 32-bit; (u32) -1 is the invalid id and may not start a range. */
    public static final long ID_LIMIT = 0xFFFF_FFFFL;

    public static final IdMap EMPTY = new IdMap(List.of());

    public IdMap {
        ranges = List.copyOf(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * Parses map text (the file's content, or what a user typed): one range per line, three
     * decimal numbers separated by blanks. Empty lines are ignored. The result is validated.
     */
    public static IdMap parse(String text) throws InvalidInputException {
        List<IdMapRange> ranges = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("[ \t]+");
            if (f.length != 3) {
                throw new InvalidInputException(lines[i], "map line " + (i + 1) + " \"" + line
                        + "\" needs three numbers: inside-id outside-id count");
            }
            ranges.add(new IdMapRange(number(f[0], i + 1, "inside id"), number(f[1], i + 1, "outside id"),
                    number(f[2], i + 1, "count")));
        }
        return of(ranges);
    }

    /** A validated map of the given ranges. */
    public static IdMap of(List<IdMapRange> ranges) throws InvalidInputException {
        IdMap map = new IdMap(ranges);
        map.validate();
        return map;
    }

    /** Maps one id to itself or, typically, inside id 0 (root) to a host id. */
    public static IdMap single(long inside, long outside) throws InvalidInputException {
        return of(List.of(new IdMapRange(inside, outside, 1)));
    }

    private static long number(String s, int line, String what) throws InvalidInputException {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException(s, "map line " + line + ": " + what + " \"" + s
                    + "\" is not a decimal number from 0 to " + ID_LIMIT);
        }
        return Long.parseLong(s);
    }

    /** Throws with the first rule the map breaks. */
    public void validate() throws InvalidInputException {
        if (ranges.size() > MAX_LINES) {
            throw new InvalidInputException(String.valueOf(ranges.size()), "a map has at most " + MAX_LINES
                    + " lines (the kernel's limit); this one has " + ranges.size());
        }
        for (int i = 0; i < ranges.size(); i++) {
            IdMapRange r = ranges.get(i);
            String where = "map line " + (i + 1) + " (" + r.format() + ")";
            if (r.count() <= 0) {
                throw new InvalidInputException(r.format(), where + ": count must be at least 1");
            }
            if (r.inside() < 0 || r.outside() < 0) {
                throw new InvalidInputException(r.format(), where + ": ids cannot be negative");
            }
            if (r.inside() >= ID_LIMIT || r.outside() >= ID_LIMIT) {
                throw new InvalidInputException(r.format(), where + ": ids must be below " + ID_LIMIT
                        + " ((uid_t) -1 is not an id)");
            }
            if (r.insideEnd() > ID_LIMIT || r.outsideEnd() > ID_LIMIT) {
                throw new InvalidInputException(r.format(), where + ": the range runs past the 32-bit id space");
            }
            for (int j = 0; j < i; j++) {
                IdMapRange o = ranges.get(j);
                if (r.overlapsInside(o)) {
                    throw new InvalidInputException(r.format(), where + " overlaps line " + (j + 1) + " ("
                            + o.format() + ") inside the namespace");
                }
                if (r.overlapsOutside(o)) {
                    throw new InvalidInputException(r.format(), where + " overlaps line " + (j + 1) + " ("
                            + o.format() + ") outside the namespace");
                }
            }
        }
        int bytes = format().length();
        if (bytes > MAX_BYTES) {
            throw new InvalidInputException(String.valueOf(bytes), "the map is " + bytes
                    + " bytes long; the kernel takes it in one write of at most " + MAX_BYTES + " bytes");
        }
    }

    /** The text for the single write: one range per line, each ending in a newline. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (IdMapRange r : ranges) {
            sb.append(r.format()).append('\n');
        }
        return sb.toString();
    }

    /** The host id that an id inside the namespace stands for; empty if it is unmapped. */
    public OptionalLong toOutside(long insideId) {
        for (IdMapRange r : ranges) {
            if (insideId >= r.inside() && insideId < r.insideEnd()) {
                return OptionalLong.of(r.outside() + (insideId - r.inside()));
            }
        }
        return OptionalLong.empty();
    }

    /** The id inside the namespace that a host id appears as; empty if it is unmapped (shown as the overflow id, 65534). */
    public OptionalLong toInside(long outsideId) {
        for (IdMapRange r : ranges) {
            if (outsideId >= r.outside() && outsideId < r.outsideEnd()) {
                return OptionalLong.of(r.inside() + (outsideId - r.outside()));
            }
        }
        return OptionalLong.empty();
    }
}
