package io.corral.model.cgroup;

/**
 * v1 {@code freezer.state} (THAWED, FREEZING, FROZEN); on v2 derived from
 * {@code cgroup.freeze} (asked) and the {@code frozen} key of {@code cgroup.events} (done):
 * asked but not yet done is FREEZING.
 */
public enum FreezeState {
    THAWED, FREEZING, FROZEN
}
