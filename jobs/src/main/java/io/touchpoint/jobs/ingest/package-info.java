/**
 * The nightly and import jobs: fetch, fetch-api, normalize, stage, load, reconcile, checks, rollup and report,
 * their run context and parameters, the inbox file registry, and the listeners that keep failures and
 * quarantined records.
 */
@NullMarked
package io.touchpoint.jobs.ingest;

import org.jspecify.annotations.NullMarked;
