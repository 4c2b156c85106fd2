/**
 * Stripe: the Dashboard payments export as purchases, refunds and contacts, mapped by column name.
 */
@NullMarked
package io.touchpoint.jobs.sources.stripe;

import org.jspecify.annotations.NullMarked;
