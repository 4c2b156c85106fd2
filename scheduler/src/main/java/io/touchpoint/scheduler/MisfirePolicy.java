package io.touchpoint.scheduler;

import java.util.Locale;

import org.quartz.CronTrigger;

/**
 * What a schedule does about fire times it missed (no node was up, or every node was busy for longer than
 * the misfire threshold). The business date of a late run still comes from the fire time it was meant for.
 */
public enum MisfirePolicy {

	/** Runs once, for the latest missed fire time, as soon as a node can (the default; Airflow's catchup=False). */
	FIRE_ONCE(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW),

	/** Runs every missed fire time, each with its own business date (Airflow's catchup=True). */
	FIRE_ALL(CronTrigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY),

	/** Runs none of the missed fire times; waits for the next one. */
	SKIP(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);

	private final int instruction;

	MisfirePolicy(int instruction) {
		this.instruction = instruction;
	}

	int instruction() {
		return instruction;
	}

	static MisfirePolicy of(int instruction) {
		for (MisfirePolicy policy : values()) {
			if (policy.instruction == instruction) {
				return policy;
			}
		}
		return FIRE_ONCE;
	}

	/** Accepts {@code fire-once}, {@code FIRE_ONCE}, {@code fire_all}, ... */
	public static MisfirePolicy parse(String text) {
		try {
			return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Unknown misfire policy '" + text + "': use fire-once, fire-all or skip");
		}
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}
}
