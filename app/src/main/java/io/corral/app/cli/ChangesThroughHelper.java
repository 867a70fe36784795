package io.corral.app.cli;

/**
 * A subcommand that honours {@code corral --admin}: its change can go through the privileged
 * helper. Any other subcommand given {@code --admin} is refused before it runs, rather than
 * running without the access the user asked for (or with it, silently, where it only reads).
 */
interface ChangesThroughHelper {
}
