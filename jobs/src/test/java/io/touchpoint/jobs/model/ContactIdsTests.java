package io.touchpoint.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactIdsTests {

	@Test
	void theSameEmailIsOneContactPerTenantWhateverItsCase() {
		String id = ContactIds.forEmail("acme", ContactIds.normalizeEmail(" Ann@Example.COM "));
		assertThat(id).isEqualTo(ContactIds.forEmail("acme", "ann@example.com")).hasSize(26).startsWith("e");
		assertThat(ContactIds.forEmail("globex", "ann@example.com")).isNotEqualTo(id);
		assertThat(ContactIds.forExternalId("acme", "stripe", "customer_id", "cus_1")).startsWith("x").hasSize(26);
	}

	@Test
	void textsThatAreNotEmailsNormalizeToNull() {
		assertThat(ContactIds.normalizeEmail("not-an-email")).isNull();
		assertThat(ContactIds.normalizeEmail("@example.com")).isNull();
		assertThat(ContactIds.normalizeEmail("a b@example.com")).isNull();
		assertThat(ContactIds.normalizeEmail("  ")).isNull();
	}
}
