/**
 * The job definitions: the {@code nightly} and {@code import} jobs as a flow of steps, the {@code rerun} job, and
 * one configuration per step family (fetch, normalize, load, rollup) that builds each step as a bean.
 */
@NullMarked
package io.touchpoint.jobs.nightly;

import org.jspecify.annotations.NullMarked;
