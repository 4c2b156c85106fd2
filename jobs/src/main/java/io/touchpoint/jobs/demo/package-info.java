/**
 * The sample exports of {@code touchpoint demo}: realistic files of each source for a few tenants and days, with
 * some bad records on purpose.
 */
@NullMarked
package io.touchpoint.jobs.demo;

import org.jspecify.annotations.NullMarked;
