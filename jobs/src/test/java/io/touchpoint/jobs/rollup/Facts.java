package io.touchpoint.jobs.rollup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes canonical fact rows for one tenant straight into the warehouse, as the loader would (same
 * columns, the upsert rules of contacts and identities), so rollup tests state their fixtures in a
 * few lines. Times are UTC {@code yyyy-MM-dd HH:mm:ss} strings.
 */
final class Facts {

	static final List<String> ROLLUP_TABLES = List.of("counted_purchases", "counted_refunds", "contact_value",
			"contact_touchpoints", "contact_attribution", "contact_activity_weeks", "touchpoint_value", "daily_revenue",
			"cohort_value", "attribution", "retention");

	private final JdbcTemplate jdbc;

	private final String tenant;

	private String batch = "b1";

	Facts(JdbcTemplate jdbc, String tenant) {
		this.jdbc = jdbc;
		this.tenant = tenant;
	}

	Facts batch(String batchId) {
		this.batch = batchId;
		return this;
	}

	String file() {
		return "staging/" + batch + ".csv.gz";
	}

	Facts contact(String contactId, String createdAt) {
		jdbc.update("INSERT INTO contacts (tenant_id, contact_id, email, created_at, updated_at, source, batch_id, staged_file) "
				+ "VALUES (?, ?, NULL, ?, ?, 'hubspot', ?, ?) ON DUPLICATE KEY UPDATE batch_id = VALUES(batch_id), "
				+ "created_at = LEAST(COALESCE(contacts.created_at, VALUES(created_at)), COALESCE(VALUES(created_at), contacts.created_at))",
				tenant, contactId, createdAt, createdAt == null ? "2026-01-01 00:00:00" : createdAt, batch, file());
		return this;
	}

	Facts identity(String source, String idType, String externalId, String contactId, String alias) {
		jdbc.update("INSERT INTO contact_identities (tenant_id, source, id_type, external_id, contact_id, alias_contact_id, "
				+ "seen_at, batch_id, staged_file) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01 00:00:00', ?, ?) "
				+ "ON DUPLICATE KEY UPDATE batch_id = VALUES(batch_id)", tenant, source, idType, externalId, contactId,
				alias, batch, file());
		return this;
	}

	Facts purchase(String key, String contactId, String at, long minor, String currency, String paymentRef,
			String intentRef) {
		String source = key.substring(0, key.indexOf(':'));
		jdbc.update("INSERT INTO purchases (tenant_id, purchase_key, contact_id, occurred_at, amount_minor, currency, status, "
				+ "source, payment_ref, payment_intent_ref, batch_id, staged_file) VALUES (?, ?, ?, ?, ?, ?, 'paid', ?, ?, ?, ?, ?)",
				tenant, key, contactId, at, minor, currency, source, paymentRef, intentRef, batch, file());
		return this;
	}

	Facts refund(String refundKey, String purchaseKey, String contactId, String at, long minor, String currency,
			boolean cumulative) {
		jdbc.update("INSERT INTO refunds (tenant_id, refund_key, purchase_key, contact_id, occurred_at, amount_minor, currency, "
				+ "is_cumulative, source, batch_id, staged_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tenant, refundKey,
				purchaseKey, contactId, at, minor, currency, cumulative ? 1 : 0,
				purchaseKey.substring(0, purchaseKey.indexOf(':')), batch, file());
		return this;
	}

	Facts tag(String contactId, String tag, int sign, String at) {
		jdbc.update("INSERT INTO tag_applications (tenant_id, contact_id, tag, sign, occurred_at, source, batch_id, staged_file) "
				+ "VALUES (?, ?, ?, ?, ?, 'hubspot', ?, ?)", tenant, contactId, tag, sign, at, batch, file());
		return this;
	}

	/** A touchpoint naming its contact, a user id or an anonymous id (the others null). */
	Facts touch(String eventId, String contactId, String userId, String anonymousId, String kind, String name, String url,
			String channel, String campaign, String at) {
		jdbc.update("INSERT INTO touchpoints (tenant_id, event_id, contact_id, user_id, anonymous_id, kind, name, url, channel, "
				+ "campaign, occurred_at, source, batch_id, staged_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'segment', ?, ?)",
				tenant, eventId, contactId, userId, anonymousId, kind, name, url, channel, campaign, at, batch, file());
		return this;
	}

	Facts spend(String platform, String campaign, String day, long minor, String currency) {
		// each inserted day is its own row here (a key unique per insert): these tests are about rollups, not restatements
		jdbc.update("INSERT INTO ad_spend (tenant_id, platform, spend_key, campaign, spend_date, amount_minor, currency, source, "
				+ "batch_id, staged_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tenant, platform,
				platform + ":" + day + ":" + campaign + ":" + java.util.UUID.randomUUID(), campaign, day, minor, currency,
				platform, batch, file());
		return this;
	}

	/** Every rollup table's rows of the tenant, without computed_at, in a stable order: for comparing runs. */
	Map<String, List<String>> snapshot() {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		for (String table : ROLLUP_TABLES) {
			List<String> rows = new ArrayList<>();
			for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table + " WHERE tenant_id = ?", tenant)) {
				row.remove("computed_at");
				rows.add(row.toString());
			}
			rows.sort(Comparator.naturalOrder());
			tables.put(table, rows);
		}
		return tables;
	}
}
