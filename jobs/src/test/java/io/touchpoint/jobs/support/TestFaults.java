package io.touchpoint.jobs.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.touchpoint.jobs.ingest.IngestFaults;

/**
 * A fault hook tests arm to crash the next run at a chosen point, once: "fail before loading the
 * third file" or "fail before publishing table purchases". Disarmed after it fires.
 */
public final class TestFaults implements IngestFaults {

	private volatile Predicate<String> publishFault = table -> false;

	private volatile String loadTenant;

	private final AtomicInteger loadsBeforeFault = new AtomicInteger(-1);

	/** The next run fails before publishing {@code table}. */
	public void failBeforePublishing(String table) {
		publishFault = table::equals;
	}

	/** The next load of {@code tenant} fails after {@code filesLoaded} files were loaded. */
	public void failLoadAfter(String tenant, int filesLoaded) {
		loadTenant = tenant;
		loadsBeforeFault.set(filesLoaded);
	}

	private volatile CountDownLatch[] hold;

	/** The next run counts down {@code reached} before publishing its first table, then waits for {@code release}. */
	public void holdBeforePublishing(CountDownLatch reached, CountDownLatch release) {
		hold = new CountDownLatch[] { reached, release };
	}

	public void disarm() {
		hold = null;
		publishFault = table -> false;
		loadsBeforeFault.set(-1);
	}

	@Override
	public void beforePublish(String table) {
		CountDownLatch[] latches = hold;
		if (latches != null) {
			hold = null;
			latches[0].countDown();
			try {
				latches[1].await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while held before publishing " + table, ex);
			}
		}
		if (publishFault.test(table)) {
			publishFault = t -> false;
			throw new IllegalStateException("injected crash before publishing " + table);
		}
	}

	@Override
	public void beforeLoad(String key) {
		if (loadTenant != null && key.contains("tenant=" + loadTenant + "/") && loadsBeforeFault.get() >= 0
				&& loadsBeforeFault.getAndDecrement() == 0) {
			throw new IllegalStateException("injected crash before loading " + key);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		TestFaults testFaults() {
			return new TestFaults();
		}
	}
}
