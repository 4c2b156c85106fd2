/**
 * Restartable Spring Batch readers that turn inbox files into raw records: the file-reader base that opens,
 * counts and restarts, a reader of several files one after another, the record type that keeps file, line and
 * raw text, and the two exceptions that tell a record that can be skipped from a file that cannot be read.
 */
@NullMarked
package io.touchpoint.readers;

import org.jspecify.annotations.NullMarked;
