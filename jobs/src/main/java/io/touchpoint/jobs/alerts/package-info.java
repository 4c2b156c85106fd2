/**
 * Alerts to Slack-compatible webhooks: failed runs, nightly data checks that warned, and jobs that have not
 * completed for a while, with every configured secret kept out of the messages.
 */
@NullMarked
package io.touchpoint.jobs.alerts;

import org.jspecify.annotations.NullMarked;
