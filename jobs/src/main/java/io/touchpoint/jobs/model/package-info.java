/**
 * The canonical records every source maps to (contacts, identities, touchpoints, purchases, refunds, tags,
 * campaigns, ad spend) and their columns, with the exact parsing of money and timestamps and the deterministic
 * ids and version keys.
 */
@NullMarked
package io.touchpoint.jobs.model;

import org.jspecify.annotations.NullMarked;
