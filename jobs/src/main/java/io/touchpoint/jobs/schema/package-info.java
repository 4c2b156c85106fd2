/**
 * The numbered, forward-only DDL of both databases, applied by Flyway, with the schemas libraries ship in their
 * jars and the splitting of Touchpoint's own multi-statement SQL.
 */
@NullMarked
package io.touchpoint.jobs.schema;

import org.jspecify.annotations.NullMarked;
