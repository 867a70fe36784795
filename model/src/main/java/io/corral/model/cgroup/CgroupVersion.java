package io.corral.model.cgroup;

/** cgroup v1 (one hierarchy per controller set) or cgroup2 (the unified hierarchy). */
public enum CgroupVersion { V1, V2 }
