package io.touchpoint.readers;

import java.io.IOException;

/**
 * A supplier that may fail with an {@link IOException}; readers use it to (re)open their input,
 * so a restart can open the same file again from the beginning.
 *
 * @param <T> what is supplied, typically an {@link java.io.InputStream}
 */
@FunctionalInterface
public interface IoSupplier<T> {

	/** Supplies a new value, opening whatever it needs. */
	T get() throws IOException;
}
