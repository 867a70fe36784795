package io.corral.views.shell;

/** Short explanations of kernel terms for the Help menu (tooltips repeat the relevant one). */
final class Glossary {
    static final String TEXT = String.join("\n\n",
            "Control group (cgroup): a directory in a cgroup filesystem. Processes written into its "
            + "cgroup.procs are accounted and limited by the controllers of that hierarchy.",
            "Hierarchy: one mounted cgroup tree. cgroup v1 has one per controller set (cpu, memory, ...); "
            + "cgroup2 has one unified tree. A process is in exactly one group of each hierarchy.",
            "subtree_control (cgroup2): the controllers a group enables for its children. Enabling top-down is "
            + "required, and a non-root group that enables controllers may not hold processes itself "
            + "(\"no internal processes\", EBUSY).",
            "Threaded (cgroup2): a group of cgroup.type \"threaded\" holds threads of processes whose domain is "
            + "an ancestor; only threaded controllers (cpu, cpuset, pids, perf_event) apply there.",
            "Frozen: the freezer stops every task of the group (cgroup.freeze = 1, v1 freezer.state FROZEN) until "
            + "it is thawed. Signals, even SIGKILL, take effect only after thawing.",
            "PSI (pressure stall information): cpu/memory/io.pressure report the share of time tasks waited for a "
            + "resource: \"some\" = at least one task stalled, \"full\" = all stalled; avg10 over 10 seconds.",
            "Delegation: systemd owns the groups of its units and moves tasks back unless the unit has "
            + "Delegate=yes; put your own groups under a delegated unit or outside systemd's tree.");

    private Glossary() {
    }
}
