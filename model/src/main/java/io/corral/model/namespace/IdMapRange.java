package io.corral.model.namespace;

/**
 * One line of {@code uid_map}/{@code gid_map}: {@code count} ids starting at {@code inside}
 * in the namespace correspond to ids starting at {@code outside} in the user namespace of
 * whoever reads the file (the host, for Corral running in the initial namespace).
 */
public record IdMapRange(long inside, long outside, long count) {

    /** The first id past the inside range. */
    public long insideEnd() {
        return inside + count;
    }

    /** The first id past the outside range. */
    public long outsideEnd() {
        return outside + count;
    }

    public boolean overlapsInside(IdMapRange o) {
        return inside < o.insideEnd() && o.inside < insideEnd();
    }

    public boolean overlapsOutside(IdMapRange o) {
        return outside < o.outsideEnd() && o.outside < outsideEnd();
    }

    /** The line as the kernel accepts it (it prints it padded to ten columns, and accepts either). */
    public String format() {
        return inside + " " + outside + " " + count;
    }
}
