package io.touchpoint.writers.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.touchpoint.writers.quarantine.QuarantineRow;

class LoadTableTests {

	@Test
	void columnNamesThatCouldInjectSqlAreRefused() {
		assertThatThrownBy(() -> LoadTable.append("purchases", List.of("batch_id", "amount; DROP TABLE x"), null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'amount; DROP TABLE x'").hasMessageContaining("purchases");
	}

	@Test
	void moneyColumnMustBeACsvColumn() {
		assertThatThrownBy(() -> LoadTable.append("purchases", List.of("batch_id", "amount"), "total"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("money column total of load table purchases");
	}

	@Test
	void batchIdMustBeACsvColumn() {
		assertThatThrownBy(() -> LoadTable.append("purchases", List.of("amount"), null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("purchases has no batch_id column");
	}

	@Test
	void mergeNeedsSqlReadingTheStagingPlaceholder() {
		assertThatThrownBy(() -> LoadTable.merge("contacts", List.of("batch_id", "email"), null, "INSERT INTO contacts"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("contacts merges");
	}

	@Test
	void stagingTableIsPrefixed() {
		assertThat(QuarantineRow.loadTable().stagingTable()).isEqualTo("tp_load_quarantine");
		assertThat(QuarantineRow.loadTable().mode()).isEqualTo(LoadTable.Mode.APPEND);
	}
}
