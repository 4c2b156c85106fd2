/**
 * Sources: the mapper contract from raw records to canonical rows, the registry of every mapper by source name,
 * and what mappers share.
 */
@NullMarked
package io.touchpoint.jobs.sources;

import org.jspecify.annotations.NullMarked;
