package io.touchpoint.writers.staging;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed-size pool of daemon threads that end after 10 idle seconds, for a step's helpers: nothing needs
 * closing when the step ends, and a JVM that is exiting is never held by it.
 */
public final class IdleDaemonPool {

	private IdleDaemonPool() {
	}

	/** {@code size} threads named {@code name-1}, {@code name-2}, ... */
	public static ExecutorService of(int size, String name) {
		AtomicInteger n = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), task -> {
					Thread thread = new Thread(task, name + "-" + n.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}
}
