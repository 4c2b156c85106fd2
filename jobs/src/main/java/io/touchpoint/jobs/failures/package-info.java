/**
 * The sentences that explain a failure to the person who must act on it ({@code FailureMessages}), and the
 * listener that keeps a failed step's sentence in its context for {@code execution N} and alerts.
 */
@NullMarked
package io.touchpoint.jobs.failures;

import org.jspecify.annotations.NullMarked;
