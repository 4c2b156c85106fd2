package io.touchpoint.jobs.report;

/** An amount in minor units with its currency, shown exactly ({@code $1,234.50}, {@code 534.80 THB}) and right-aligned in tables. */
public record Money(long minor, String currency) {

	@Override
	public String toString() {
		return MoneyFormat.exact(minor, currency);
	}
}
