package io.touchpoint.jobs.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;

import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.load.LoadTable.Mode;

/**
 * The canonical tables as the loader sees them: column order (each record's {@code writeCsv} writes them
 * but {@code tenant_id} and {@code batch_id}, which the loader sets from the part, see
 * {@link LoadTable#PART_COLUMNS}), money column and load mode, in load order (contacts before the facts that
 * reference them, quarantine last).
 */
public final class CanonicalTables {

	private static final Map<String, LoadTable> TABLES = build();

	private CanonicalTables() {
	}

	/** Every table by name, in load order. */
	public static Map<String, LoadTable> all() {
		return TABLES;
	}

	private static Map<String, LoadTable> build() {
		Map<String, LoadTable> tables = new LinkedHashMap<>();
		add(tables, new LoadTable(Contact.TABLE, List.of("tenant_id", "contact_id", "email", "first_name", "last_name",
				"lifecycle_stage", "created_at", "updated_at", "source", "batch_id"), null, Mode.MERGE, merge("contacts")));
		add(tables, new LoadTable(ContactIdentity.TABLE, List.of("tenant_id", "source", "id_type", "external_id",
				"contact_id", "alias_contact_id", "seen_at", "batch_id"), null, Mode.MERGE, merge("contact_identities")));
		add(tables, new LoadTable(Purchase.TABLE, List.of("tenant_id", "purchase_key", "contact_id", "occurred_at",
				"amount_minor", "currency", "settlement_amount_minor", "settlement_currency", "status", "source",
				"source_ref", "batch_id", "payment_ref", "payment_intent_ref", "version_key"), "amount_minor", Mode.IGNORE_DUPLICATES,
				null));
		add(tables, new LoadTable(Refund.TABLE, List.of("tenant_id", "refund_key", "purchase_key", "contact_id",
				"occurred_at", "amount_minor", "currency", "is_cumulative", "source", "source_ref", "batch_id", "version_key"),
				"amount_minor", Mode.IGNORE_DUPLICATES, null));
		add(tables, new LoadTable(TagApplication.TABLE, List.of("tenant_id", "contact_id", "tag", "sign", "occurred_at",
				"source", "source_ref", "batch_id"), null, Mode.APPEND, null));
		add(tables, new LoadTable(TagSnapshot.TABLE, List.of("tenant_id", "contact_id", "tag", "observed_at", "source",
				"source_ref", "batch_id"), null, Mode.APPEND, null));
		add(tables, new LoadTable(Touchpoint.TABLE, List.of("tenant_id", "event_id", "contact_id", "user_id",
				"anonymous_id", "kind", "name", "url", "channel", "campaign", "occurred_at", "source", "source_ref",
				"batch_id"), null, Mode.IGNORE_DUPLICATES, null));
		add(tables, new LoadTable(Campaign.TABLE, List.of("tenant_id", "source", "campaign_id", "name", "observed_at",
				"source_ref", "batch_id"), null, Mode.IGNORE_DUPLICATES, null));
		add(tables, new LoadTable(AdSpend.TABLE, List.of("tenant_id", "platform", "spend_key", "campaign", "ad_set", "ad",
				"spend_date", "impressions", "clicks", "amount_minor", "currency", "source", "batch_id"), "amount_minor",
				Mode.MERGE, merge("ad_spend")));
		add(tables, io.touchpoint.writers.quarantine.QuarantineRow.loadTable());
		return java.util.Collections.unmodifiableMap(tables);
	}

	private static void add(Map<String, LoadTable> tables, LoadTable table) {
		tables.put(table.name(), table);
	}

	private static String merge(String table) {
		String path = "sql/mysql/merge/" + table + ".sql";
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return sql.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Missing " + path + " on the classpath", ex);
		}
	}
}
