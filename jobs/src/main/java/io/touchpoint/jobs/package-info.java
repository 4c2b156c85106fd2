/**
 * The Touchpoint application: the Spring Boot entry point behind the {@code touchpoint} command line, with the
 * jobs, the scheduler node and the embedded default stack in its subpackages.
 */
@NullMarked
package io.touchpoint.jobs;

import org.jspecify.annotations.NullMarked;
