package io.touchpoint.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTests {

	@Test
	void decimalsBecomeMinorUnitsWithTheCurrencysExponent() {
		assertThat(Money.toMinor("15.00", "USD")).isEqualTo(1500);
		assertThat(Money.toMinor("15.5", "EUR")).isEqualTo(1550);
		assertThat(Money.toMinor("-3.07", "GBP")).isEqualTo(-307);
		assertThat(Money.toMinor("4800", "JPY")).isEqualTo(4800);
		assertThat(Money.toMinor("1.234", "BHD")).isEqualTo(1234);
		assertThat(Money.toMinor("0.10", "USD")).isEqualTo(10);
		assertThat(Money.toMinor("92233720368547758.07", "USD")).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void inexactOrUnusualAmountsAreRefusedWithAReason() {
		assertThatThrownBy(() -> Money.toMinor("12.345", "USD")).hasMessageContaining("fraction of a minor unit");
		assertThatThrownBy(() -> Money.toMinor("1e3", "USD")).hasMessageContaining("not a plain decimal");
		assertThatThrownBy(() -> Money.toMinor("1,000.00", "USD")).hasMessageContaining("not a plain decimal");
		assertThatThrownBy(() -> Money.toMinor("92233720368547758.08", "USD")).hasMessageContaining("out of range");
		assertThatThrownBy(() -> Money.currency("usdx")).hasMessageContaining("unknown currency 'usdx'");
		assertThat(Money.currency(" usd ")).isEqualTo("USD");
	}
}
