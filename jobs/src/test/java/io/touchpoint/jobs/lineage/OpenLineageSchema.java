package io.touchpoint.jobs.lineage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The OpenLineage spec's JSON schema (test resources {@code openlineage/OpenLineage.json}, version 2-0-2, see
 * its PROVENANCE.txt), with formats (uuid, date-time, uri) asserted, not only annotated.
 */
final class OpenLineageSchema {

	private static final Schema SCHEMA = load();

	private OpenLineageSchema() {
	}

	private static Schema load() {
		try (InputStream in = OpenLineageSchema.class.getResourceAsStream("/openlineage/OpenLineage.json")) {
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The schema's complaints about one event, empty when it is valid. */
	static List<String> errors(String json) {
		return SCHEMA
			.validate(json, InputFormat.JSON,
					(context, schemaContext) -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
			.stream()
			.map(Error::toString)
			.toList();
	}
}
