/**
 * Shopify orders: the admin orders export and the Admin REST API, with what both agree on (purchase statuses,
 * contacts, payment references).
 */
@NullMarked
package io.touchpoint.jobs.sources.shopify;

import org.jspecify.annotations.NullMarked;
