/**
 * Bytes to text for the record readers: gzip recognised by its magic bytes, strict decoding that names invalid
 * bytes instead of replacing them, encoding detection for exports whose encoding varies, and numbered physical
 * lines.
 */
@NullMarked
package io.touchpoint.readers.text;

import org.jspecify.annotations.NullMarked;
