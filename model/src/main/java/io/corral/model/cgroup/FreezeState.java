package io.corral.model.cgroup;

import java.util.Optional;

/**
 * v1 {@code freezer.state} (THAWED, FREEZING, FROZEN); on v2 derived from
 * {@code cgroup.freeze} (asked) and the {@code frozen} key of {@code cgroup.events} (done):
 * asked but not yet done is FREEZING.
 */
public enum FreezeState {
    THAWED, FREEZING, FROZEN;

    /** The text of a v1 {@code freezer.state}; empty when it is none of the three words. */
    public static Optional<FreezeState> ofV1(String freezerState) {
        try {
            return Optional.of(valueOf(freezerState.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A v2 group from {@code cgroup.freeze} and the {@code frozen} key of {@code cgroup.events}.
     * A group whose ancestor is frozen reads {@code frozen 1} with its own {@code cgroup.freeze 0}.
     */
    public static FreezeState ofV2(String cgroupFreeze, long frozen) {
        if (frozen != 0) {
            return FROZEN;
        }
        return cgroupFreeze.strip().equals("1") ? FREEZING : THAWED;
    }
}
