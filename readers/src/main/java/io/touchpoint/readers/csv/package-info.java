/**
 * CSV files read as records: an RFC 4180 reader that keeps each record's start line and raw text, the header
 * whose columns are looked up by name, and the field splitting the reader's record joiner and splitter share.
 */
@NullMarked
package io.touchpoint.readers.csv;

import org.jspecify.annotations.NullMarked;
