/**
 * API sources declared in connector files (YAML): the connector model with positions for every error, the source
 * that runs one, and {@code connectors check}.
 */
@NullMarked
package io.touchpoint.jobs.sources.declarative;

import org.jspecify.annotations.NullMarked;
