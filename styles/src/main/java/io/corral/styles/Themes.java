package io.corral.styles;

/** Names and locations of the console's stylesheets. */
public final class Themes {
    private Themes() {
    }
}
