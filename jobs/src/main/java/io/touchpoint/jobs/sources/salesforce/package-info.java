/**
 * Salesforce: the weekly Data Export and the REST API's SOQL queries, mapped the same way to contacts, campaigns
 * and their members.
 */
@NullMarked
package io.touchpoint.jobs.sources.salesforce;

import org.jspecify.annotations.NullMarked;
