package io.corral.views.state;

/**
 * cgroup2 {@code cgroup.type}: "domain", "domain threaded" (root of a threaded subtree),
 * "domain invalid" (a domain group inside a threaded subtree, unusable until made
 * threaded) or "threaded". Always DOMAIN on v1.
 */
public enum GroupType {
    DOMAIN, DOMAIN_THREADED, DOMAIN_INVALID, THREADED;

    public static GroupType parse(String text) {
        return switch (text.trim()) {
            case "domain threaded" -> DOMAIN_THREADED;
            case "domain invalid" -> DOMAIN_INVALID;
            case "threaded" -> THREADED;
            default -> DOMAIN;
        };
    }
}
