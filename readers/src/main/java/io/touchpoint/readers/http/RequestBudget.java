package io.touchpoint.readers.http;

import java.time.Duration;

/**
 * The requests one tenant may make to one source in one run: at most {@code maxRequests} in all,
 * spaced to at most {@code requestsPerSecond}. Retries count, since the vendor counts them too. A
 * budget is used by one thread at a time.
 */
public final class RequestBudget {

	private final String owner;

	private final int maxRequests;

	private final long intervalNanos;

	private final Sleeper sleeper;

	private final java.util.function.LongSupplier nanoTime;

	private int used;

	private long nextAllowed = Long.MIN_VALUE;

	/**
	 * @param owner             whose budget this is, for messages ({@code "tenant acme, source stripe"})
	 * @param maxRequests       requests allowed in the run
	 * @param requestsPerSecond the highest request rate; 0 or less means unpaced
	 * @param sleeper           how to wait
	 * @param alreadyUsed       requests the run made before (an earlier execution of a restarted run)
	 */
	public RequestBudget(String owner, int maxRequests, double requestsPerSecond, Sleeper sleeper, int alreadyUsed) {
		this(owner, maxRequests, requestsPerSecond, sleeper, alreadyUsed, System::nanoTime);
	}

	/** As above, reading time from {@code nanoTime} (tests pass a fake clock). */
	RequestBudget(String owner, int maxRequests, double requestsPerSecond, Sleeper sleeper, int alreadyUsed,
			java.util.function.LongSupplier nanoTime) {
		if (maxRequests < 1) {
			throw new IllegalArgumentException("a request budget needs at least 1 request, was " + maxRequests);
		}
		this.owner = owner;
		this.maxRequests = maxRequests;
		this.intervalNanos = requestsPerSecond > 0 ? (long) (1_000_000_000L / requestsPerSecond) : 0;
		this.sleeper = sleeper;
		this.used = alreadyUsed;
		this.nanoTime = nanoTime;
	}

	/**
	 * Takes one request from the budget, waiting for the pace if needed.
	 *
	 * @throws BudgetExhaustedException when the run has used all its requests
	 */
	public void acquire(String describe) throws InterruptedException {
		if (used >= maxRequests) {
			throw new BudgetExhaustedException(describe + ": the request budget of " + maxRequests + " request(s) for "
					+ owner + " is used up. Raise it (max-requests of the connection) or restart the execution later;"
					+ " it resumes at this page.");
		}
		long now = nanoTime.getAsLong();
		if (intervalNanos > 0 && nextAllowed != Long.MIN_VALUE && now < nextAllowed) {
			sleeper.sleep(Duration.ofNanos(nextAllowed - now));
			now = nextAllowed;
		}
		nextAllowed = now + intervalNanos;
		used++;
	}

	/** Requests taken so far. */
	public int used() {
		return used;
	}

	/** The run's request budget is used up. */
	public static final class BudgetExhaustedException extends ApiException {

		BudgetExhaustedException(String message) {
			super(message, 0, null);
		}
	}
}
