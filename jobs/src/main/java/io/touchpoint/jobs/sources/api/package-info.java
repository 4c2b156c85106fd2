/**
 * Vendor APIs as sources: the page contract, the connections per tenant and source, the cursors of each stream
 * and the reading of landed JSON records.
 */
@NullMarked
package io.touchpoint.jobs.sources.api;

import org.jspecify.annotations.NullMarked;
