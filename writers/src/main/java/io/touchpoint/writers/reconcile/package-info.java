/**
 * Checking that a loaded batch is complete: manifests, load ledger and target tables agree, with one sentence
 * per problem.
 */
@NullMarked
package io.touchpoint.writers.reconcile;

import org.jspecify.annotations.NullMarked;
