/**
 * The rollups: their settings and funnels, and the runner that computes a tenant's rollup tables from {@code
 * sql/rollups} in one warehouse transaction, for a batch or rebuilt.
 */
@NullMarked
package io.touchpoint.jobs.rollup;

import org.jspecify.annotations.NullMarked;
