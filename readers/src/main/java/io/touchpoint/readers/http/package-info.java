/**
 * Calling vendor APIs: one request and response, a client that retries politely (Retry-After, backoff) within a
 * per-tenant request budget, and URIs printed without their credentials.
 */
@NullMarked
package io.touchpoint.readers.http;

import org.jspecify.annotations.NullMarked;
