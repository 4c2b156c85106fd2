/**
 * HubSpot contacts: the UI export of a contacts view and what it shares with the CRM API (tags, lifecycle
 * stages).
 */
@NullMarked
package io.touchpoint.jobs.sources.hubspot;

import org.jspecify.annotations.NullMarked;
