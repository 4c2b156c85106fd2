/**
 * Meta (Facebook) Ads: the Ads Manager CSV export and the Marketing API's Insights, as ad spend per campaign, ad
 * set, ad and day.
 */
@NullMarked
package io.touchpoint.jobs.sources.facebook;

import org.jspecify.annotations.NullMarked;
