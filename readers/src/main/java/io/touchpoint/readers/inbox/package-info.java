/**
 * Where source files arrive, a local folder or an S3 prefix laid out as {@code {root}/{source}/...}: listing
 * them in a stable order and opening them, with the path rules both apply.
 */
@NullMarked
package io.touchpoint.readers.inbox;

import org.jspecify.annotations.NullMarked;
