package io.touchpoint.jobs.lineage;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.openlineage.client.OpenLineage;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

import io.touchpoint.jobs.checks.SourceSchemas;
import io.touchpoint.jobs.config.TouchpointProperties;
import io.touchpoint.jobs.sources.api.ApiSource;
import io.touchpoint.jobs.sources.api.ApiSources;

/**
 * The datasets of one batch, named as the OpenLineage naming spec names them. Inputs: each file the batch read
 * (not a duplicate of one loaded before), {@code s3://<bucket>} and its key, or {@code file} and its path, with
 * the columns its stream has ({@code tp_source_schemas}) as a schema facet; and each API stream it fetched, in the
 * namespace of the API's origin ({@code https://api.stripe.com}), named {@code <source>/<stream>}. Outputs: the
 * warehouse tables it loaded ({@code tp_work_parts}, with the rows written) and the rollup tables it recomputed,
 * in the namespace {@code mysql://<host>:<port>}, named {@code <database>.<table>}.
 */
public class LineageDatasets {

	private final JdbcTemplate metadata;

	private final Warehouse warehouse;

	private final ApiSources apiSources;

	private final TouchpointProperties properties;

	public LineageDatasets(DataSource metadataDataSource, String warehouseJdbcUrl, ApiSources apiSources,
			TouchpointProperties properties) {
		this.metadata = new JdbcTemplate(metadataDataSource);
		this.warehouse = Warehouse.of(warehouseJdbcUrl);
		this.apiSources = apiSources;
		this.properties = properties;
	}

	/** The OpenLineage namespace and database of a warehouse JDBC URL ({@code jdbc:mariadb://h:3306/db?...}). */
	record Warehouse(String namespace, String database) {

		static Warehouse of(String jdbcUrl) {
			int slashes = jdbcUrl.indexOf("://");
			String rest = slashes < 0 ? jdbcUrl : jdbcUrl.substring(slashes + 3);
			int query = rest.indexOf('?');
			rest = query < 0 ? rest : rest.substring(0, query);
			int slash = rest.indexOf('/');
			String authority = slash < 0 ? rest : rest.substring(0, slash);
			String database = slash < 0 ? "" : rest.substring(slash + 1);
			// the first of several hosts; the naming spec's MySQL form, which MariaDB and SingleStore speak too
			String host = authority.split(",")[0];
			host = host.substring(host.lastIndexOf('@') + 1);
			if (!host.matches(".*:\\d+$") && !host.endsWith("]")) {
				host = host + ":3306";
			}
			return new Warehouse("mysql://" + host.toLowerCase(Locale.ROOT), database);
		}

		String name(String table) {
			return database.isEmpty() ? table : database + "." + table;
		}
	}

	/** The files and API streams the batch read. */
	public List<OpenLineage.InputDataset> inputs(OpenLineage ol, String tenant, String batchId) {
		List<OpenLineage.InputDataset> inputs = new ArrayList<>();
		metadata.query("SELECT source, path, uri FROM tp_inbox_files WHERE batch_id = ? AND duplicate_of IS NULL "
				+ "ORDER BY file_id", rs -> {
					String path = rs.getString(2);
					if (ApiSources.isPage(path)) {
						return;
					}
					String[] dataset = fileDataset(rs.getString(3));
					List<String> columns = columns(tenant, rs.getString(1), SourceSchemas.stream(path));
					var facets = ol.newDatasetFacetsBuilder();
					if (!columns.isEmpty()) {
						facets.schema(ol.newSchemaDatasetFacet(columns.stream()
							.map(column -> ol.newSchemaDatasetFacetFieldsBuilder().name(column).build())
							.toList()));
					}
					inputs.add(ol.newInputDatasetBuilder().namespace(dataset[0]).name(dataset[1]).facets(facets.build()).build());
				}, batchId);
		metadata.query("SELECT DISTINCT source, stream FROM tp_api_fetches WHERE batch_id = ? ORDER BY source, stream",
				rs -> {
					String source = rs.getString(1);
					inputs.add(ol.newInputDatasetBuilder()
						.namespace(apiOrigin(tenant, source))
						.name(source + "/" + rs.getString(2))
						.build());
				}, batchId);
		return inputs;
	}

	/** The tables the batch loaded (with the rows it wrote to each) and the rollup tables it recomputed. */
	public List<OpenLineage.OutputDataset> outputs(OpenLineage ol, String batchId, Collection<String> rollupTables) {
		Map<String, Long> loaded = new LinkedHashMap<>();
		metadata.query("SELECT table_name, SUM(row_count) FROM tp_work_parts WHERE batch_id = ? GROUP BY table_name "
				+ "ORDER BY table_name", rs -> {
					loaded.put(rs.getString(1), rs.getLong(2));
				}, batchId);
		List<OpenLineage.OutputDataset> outputs = new ArrayList<>();
		loaded.forEach((table, rows) -> outputs.add(ol.newOutputDatasetBuilder()
			.namespace(warehouse.namespace())
			.name(warehouse.name(table))
			.outputFacets(ol.newOutputDatasetOutputFacetsBuilder()
				.outputStatistics(ol.newOutputStatisticsOutputDatasetFacetBuilder().rowCount(rows).build())
				.build())
			.build()));
		rollupTables.stream()
			.filter(table -> !loaded.containsKey(table))
			.forEach(table -> outputs.add(
					ol.newOutputDatasetBuilder().namespace(warehouse.namespace()).name(warehouse.name(table)).build()));
		return outputs;
	}

	/** An inbox file's namespace and name: {@code s3://bucket} and the key, or {@code file} and the path. */
	static String[] fileDataset(String uri) {
		if (uri.startsWith("s3://")) {
			String rest = uri.substring("s3://".length());
			int slash = rest.indexOf('/');
			return slash < 0 ? new String[] { uri, "/" }
					: new String[] { "s3://" + rest.substring(0, slash), rest.substring(slash + 1) };
		}
		if (uri.startsWith("file:")) {
			return new String[] { "file", URI.create(uri).getPath() };
		}
		return new String[] { "file", uri };
	}

	private List<String> columns(String tenant, String source, String stream) {
		return metadata.queryForList("SELECT column_name FROM tp_source_schemas WHERE tenant_id = ? AND source = ? "
				+ "AND stream = ? AND status IN ('active', 'pending') ORDER BY first_seen, column_name", String.class, tenant,
				source, stream);
	}

	/** The scheme and authority of the API a tenant's source is fetched from. */
	private String apiOrigin(String tenant, String source) {
		TouchpointProperties.Connection connection = properties.connectionsOf(tenant).get(source);
		@Nullable
		URI base = connection == null ? null : connection.baseUrl();
		if (base == null) {
			ApiSource api = apiSources.find(source);
			base = api == null ? null : api.defaults().baseUrl();
		}
		if (base == null || base.getScheme() == null || base.getHost() == null) {
			return "api://" + source;
		}
		return base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
	}
}
