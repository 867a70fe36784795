package io.corral.views.state;

/**
 * Freezer state of a group: v2 {@code cgroup.freeze}/{@code cgroup.events frozen}, v1
 * {@code freezer.state} (THAWED, FREEZING, FROZEN). UNKNOWN when the hierarchy has no freezer.
 */
public enum FreezeState {
    THAWED, FREEZING, FROZEN, UNKNOWN;

    public boolean isFrozenOrFreezing() {
        return this == FROZEN || this == FREEZING;
    }
}
