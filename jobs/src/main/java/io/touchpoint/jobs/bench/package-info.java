/**
 * {@code touchpoint bench}: generated exports run through the real import job, and the rollups at sizes the
 * export path cannot reach, each measured beside the floor of the same work.
 */
@NullMarked
package io.touchpoint.jobs.bench;

import org.jspecify.annotations.NullMarked;
