package io.corral.model.kernel;

/** Inode and hard-link count of a directory (see {@link CgroupFs#stat}). */
public record DirStat(long inode, long links) {
    /** kernfs: 2 links = no subdirectories. */
    public boolean hasSubdirectories() {
        return links != 2;
    }
}
