/**
 * The {@code touchpoint} command line (picocli): one class per command, the session that starts the application
 * context a command needs, and how help and run outcomes are printed.
 */
@NullMarked
package io.touchpoint.jobs.cli;

import org.jspecify.annotations.NullMarked;
