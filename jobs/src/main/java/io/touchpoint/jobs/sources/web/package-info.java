/**
 * Web events from Segment, as raw spec messages in JSON lines or as warehouse CSV exports: touchpoints and the
 * identities that link visitors to contacts.
 */
@NullMarked
package io.touchpoint.jobs.sources.web;

import org.jspecify.annotations.NullMarked;
