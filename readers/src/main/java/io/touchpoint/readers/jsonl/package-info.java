/**
 * JSON lines: a reader of one JSON object per line, keeping each record's line and raw text, with exact
 * decimals.
 */
@NullMarked
package io.touchpoint.readers.jsonl;

import org.jspecify.annotations.NullMarked;
