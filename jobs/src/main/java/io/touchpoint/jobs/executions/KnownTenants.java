package io.touchpoint.jobs.executions;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.touchpoint.jobs.config.WarehouseDataSource;
import io.touchpoint.scheduler.TenantDirectory;

/**
 * The tenants Touchpoint knows: those with loaded data in the warehouse, with a run in the metadata database,
 * or configured (the scheduler's active tenants and tenants with API connections). A command that reads a
 * tenant's data checks its {@code --tenant} here first, so a typo is refused with the known tenants listed
 * instead of looking like a tenant with no data.
 */
@Component
public class KnownTenants {

	private final JdbcTemplate metadata;

	private final JdbcTemplate warehouse;

	private final TenantDirectory configured;

	public KnownTenants(DataSource metadataDataSource, @WarehouseDataSource DataSource warehouse,
			TenantDirectory configured) {
		this.metadata = new JdbcTemplate(metadataDataSource);
		this.warehouse = new JdbcTemplate(warehouse);
		this.configured = configured;
	}

	/** Refuses (a usage error, exit 2) a tenant Touchpoint does not know, naming those it knows. */
	public void require(String tenant) {
		if (!known(tenant)) {
			throw new UnknownTenantException(tenant, all());
		}
	}

	/** Whether the tenant has data, a run or configuration; the indexed lookups first. */
	public boolean known(String tenant) {
		return configured.activeTenants().contains(tenant)
				|| exists(warehouse, "SELECT 1 FROM contacts WHERE tenant_id = ? LIMIT 1", tenant)
				|| exists(warehouse, "SELECT 1 FROM load_ledger WHERE tenant_id = ? LIMIT 1", tenant)
				|| exists(metadata, "SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'tenant' "
						+ "AND PARAMETER_VALUE = ? LIMIT 1", tenant);
	}

	/** Every known tenant, sorted. */
	public SortedSet<String> all() {
		SortedSet<String> tenants = new TreeSet<>(configured.activeTenants());
		tenants.addAll(warehouse.queryForList("SELECT DISTINCT tenant_id FROM contacts", String.class));
		tenants.addAll(warehouse.queryForList("SELECT DISTINCT tenant_id FROM load_ledger", String.class));
		tenants.addAll(metadata.queryForList("SELECT DISTINCT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS "
				+ "WHERE PARAMETER_NAME = 'tenant'", String.class));
		return tenants;
	}

	private static boolean exists(JdbcTemplate jdbc, String sql, String tenant) {
		return !jdbc.queryForList(sql, Integer.class, tenant).isEmpty();
	}

	/**
	 * A {@code --tenant} no data, run or configuration mentions: "Unknown tenant 'acne' (did you mean acme?);
	 * known tenants: acme, globex." A usage error: the CLI exits 2.
	 */
	public static final class UnknownTenantException extends IllegalArgumentException {

		public UnknownTenantException(String tenant, SortedSet<String> known) {
			super(message(tenant, known));
		}

		static String message(String tenant, SortedSet<String> known) {
			if (known.isEmpty()) {
				return "Unknown tenant '" + tenant + "': no tenant has data or a run yet. Load one first "
						+ "(touchpoint demo, touchpoint run nightly or touchpoint import).";
			}
			List<String> close = known.stream().filter(k -> distance(k, tenant) <= 2).toList();
			return "Unknown tenant '" + tenant + "'" + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close)
					+ "?)") + "; known tenants: " + String.join(", ", known) + ".";
		}

		/** Levenshtein distance, case-insensitive: how many edits turn one id into the other. */
		private static int distance(String a, String b) {
			String x = a.toLowerCase(java.util.Locale.ROOT);
			String y = b.toLowerCase(java.util.Locale.ROOT);
			int[] previous = new int[y.length() + 1];
			for (int j = 0; j <= y.length(); j++) {
				previous[j] = j;
			}
			for (int i = 1; i <= x.length(); i++) {
				int[] current = new int[y.length() + 1];
				current[0] = i;
				for (int j = 1; j <= y.length(); j++) {
					int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
					current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
				}
				previous = current;
			}
			return previous[y.length()];
		}
	}
}
