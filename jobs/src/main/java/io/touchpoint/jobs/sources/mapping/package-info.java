/**
 * Sources declared by a YAML mapping file instead of a Java mapper: the file's model, its loading from the
 * mapping folder, and the mapper that applies it.
 */
@NullMarked
package io.touchpoint.jobs.sources.mapping;

import org.jspecify.annotations.NullMarked;
