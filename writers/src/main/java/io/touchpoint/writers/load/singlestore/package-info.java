/**
 * Loading staged parts into SingleStore through its pipelines: their SQL (generated, checked against the
 * documented grammar), their settings and credentials, creating, starting and watching them, and their errors.
 */
@NullMarked
package io.touchpoint.writers.load.singlestore;

import org.jspecify.annotations.NullMarked;
