package io.touchpoint.jobs.rollup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.model.Purchase;
import io.touchpoint.jobs.model.Refund;

/**
 * Writes canonical fact rows for one tenant straight into the warehouse, as the loader would (same
 * columns, the upsert rules of contacts and identities, purchases and refunds keyed by their version and
 * touchpoints by their event with {@code INSERT IGNORE}, all rows of a batch with one {@code loaded_at},
 * later batches later, the contact of an event created by it), so
 * rollup tests state their fixtures in a few lines. Times are UTC {@code yyyy-MM-dd HH:mm:ss} strings.
 */
final class Facts {

	static final List<String> ROLLUP_TABLES = List.of("counted_purchases", "counted_refunds", "contact_value",
			"contact_touchpoints", "contact_attribution", "contact_activity_weeks", "touchpoint_value", "daily_revenue",
			"cohort_value", "attribution", "retention", "sessions", "session_events", "session_paths",
			// conversion paths and funnels
			"conversion_paths", "funnel_steps",
			// multi-touch attribution and pairs (V019)
			"touchpoint_pair_value");

	private final JdbcTemplate jdbc;

	private final String tenant;

	private String batch = "b1";

	/** When the current batch was loaded: a minute after the one before. */
	private LocalDateTime loadedAt = LocalDateTime.of(2030, 1, 1, 0, 0);

	Facts(JdbcTemplate jdbc, String tenant) {
		this.jdbc = jdbc;
		this.tenant = tenant;
	}

	Facts batch(String batchId) {
		this.batch = batchId;
		this.loadedAt = loadedAt.plusMinutes(1);
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
		return purchase(key, contactId, at, minor, currency, paymentRef, intentRef, "paid");
	}

	/** A version of a purchase: a restatement with the same content loads nothing, as at load. */
	Facts purchase(String key, String contactId, String at, long minor, String currency, String paymentRef,
			String intentRef, String status) {
		String source = key.substring(0, key.indexOf(':'));
		String version = new Purchase(tenant, key, contactId, instant(at), minor, currency, null, null, status, source, null,
				batch, paymentRef, intentRef).versionKey();
		jdbc.update("INSERT IGNORE INTO purchases (tenant_id, purchase_key, contact_id, occurred_at, amount_minor, currency, "
				+ "status, source, payment_ref, payment_intent_ref, version_key, batch_id, staged_file, loaded_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tenant, key, contactId, at, minor, currency, status,
				source, paymentRef, intentRef, version, batch, file(), loadedAt);
		return this;
	}

	/** A version of a refund: a restatement with the same content loads nothing, as at load. */
	Facts refund(String refundKey, String purchaseKey, String contactId, String at, long minor, String currency,
			boolean cumulative) {
		String source = purchaseKey.substring(0, purchaseKey.indexOf(':'));
		String version = new Refund(tenant, refundKey, purchaseKey, contactId, instant(at), minor, currency, cumulative,
				source, null, batch).versionKey();
		jdbc.update("INSERT IGNORE INTO refunds (tenant_id, refund_key, purchase_key, contact_id, occurred_at, amount_minor, "
				+ "currency, is_cumulative, source, version_key, batch_id, staged_file, loaded_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tenant, refundKey, purchaseKey, contactId, at, minor,
				currency, cumulative ? 1 : 0, source, version, batch, file(), loadedAt);
		return this;
	}

	private static Instant instant(String utc) {
		return LocalDateTime.parse(utc.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
	}

	Facts tag(String contactId, String tag, int sign, String at) {
		jdbc.update("INSERT INTO tag_applications (tenant_id, contact_id, tag, sign, occurred_at, source, batch_id, staged_file) "
				+ "VALUES (?, ?, ?, ?, ?, 'hubspot', ?, ?)", tenant, contactId, tag, sign, at, batch, file());
		return this;
	}

	/** A snapshot source's listing of a contact's whole tag set (turned into tag changes by TagSnapshotChanges). */
	Facts listing(String contactId, String at, List<String> tags) {
		List<String> rows = new ArrayList<>(tags);
		rows.add(0, "");
		for (String tag : rows) {
			jdbc.update("INSERT INTO tag_snapshots (tenant_id, contact_id, tag, observed_at, source, batch_id, staged_file) "
					+ "VALUES (?, ?, ?, ?, 'hubspot', ?, ?)", tenant, contactId, tag, at, batch, file());
		}
		return this;
	}

	/**
	 * A touchpoint naming its contact, a user id or an anonymous id (the others null). An event id already
	 * loaded loads nothing, as at load; an event naming its contact creates the contact as an event does
	 * (no creation time, a newer update time only moves {@code updated_at}).
	 */
	Facts touch(String eventId, String contactId, String userId, String anonymousId, String kind, String name, String url,
			String channel, String campaign, String at) {
		if (contactId != null) {
			jdbc.update("INSERT INTO contacts (tenant_id, contact_id, updated_at, source, batch_id, staged_file) "
					+ "VALUES (?, ?, ?, 'segment', ?, ?) ON DUPLICATE KEY UPDATE "
					+ "updated_at = GREATEST(contacts.updated_at, VALUES(updated_at))", tenant, contactId, at, batch, file());
		}
		jdbc.update("INSERT IGNORE INTO touchpoints (tenant_id, event_id, contact_id, user_id, anonymous_id, kind, name, url, channel, "
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
