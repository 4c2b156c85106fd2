package io.touchpoint.jobs.sources.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.touchpoint.jobs.config.InvalidConfigurationException;
import io.touchpoint.jobs.config.TouchpointProperties;

/** Parsing a mapping file, and every reason one is refused, each naming the file. */
class MappingFileTests {

	private static final Set<String> BUILT_IN = Set.of("stripe", "hubspot");

	private static final String CHARGEBEE = """
			source: chargebee
			table: purchases
			encoding: ISO-8859-1
			delimiter: ";"
			timestamp_format: "dd/MM/yyyy HH:mm"
			time_zone: Europe/Paris
			columns:
			  purchase_key: Invoice Number
			  email: Customer Email
			  occurred_at: Date
			  amount: Amount
			constants:
			  currency: eur
			""";

	@Test
	void aCompleteFileIsParsedWithEveryValue() {
		// when
		MappingFile mapping = MappingFile.parse("chargebee.yml", CHARGEBEE, BUILT_IN);

		// then
		assertThat(mapping.file()).isEqualTo("chargebee.yml");
		assertThat(mapping.source()).isEqualTo("chargebee");
		assertThat(mapping.table()).isEqualTo(MappingFile.Table.PURCHASES);
		assertThat(mapping.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
		assertThat(mapping.delimiter()).isEqualTo(';');
		assertThat(mapping.timestampPattern()).isEqualTo("dd/MM/yyyy HH:mm");
		assertThat(mapping.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
		assertThat(mapping.columns()).containsExactlyInAnyOrderEntriesOf(Map.of("purchase_key", "Invoice Number",
				"email", "Customer Email", "occurred_at", "Date", "amount", "Amount"));
		assertThat(mapping.constants()).containsExactlyEntriesOf(Map.of("currency", "eur"));
		assertThat(mapping.requiredColumns()).containsExactly("Invoice Number", "Date", "Amount", "Customer Email");
	}

	@Test
	void defaultsAreUtf8CommaTimestampsFormatsAndUtc() {
		// when
		MappingFile mapping = MappingFile.parse("tags.yml", """
				source: mailer
				table: tag_applications
				columns: {email: Email, contact_key: Subscriber, tags: Lists, occurred_at: Changed}
				""", BUILT_IN);

		// then
		assertThat(mapping.charset()).isEqualTo(StandardCharsets.UTF_8);
		assertThat(mapping.delimiter()).isEqualTo(',');
		assertThat(mapping.timestampPattern()).isNull();
		assertThat(mapping.timeZone()).isEqualTo(ZoneOffset.UTC);
		assertThat(mapping.requiredColumns()).containsExactly("Lists", "Changed");
	}

	@Test
	void notYamlIsRefused() {
		assertRefused("source: [x", "Mapping file bad.yml: is not valid YAML");
		assertRefused("- a\n- b\n", "Mapping file bad.yml: the file must be a mapping of names to values.");
	}

	@Test
	void anUnknownKeyIsRefused() {
		assertRefused(CHARGEBEE + "tabel: contacts\n", "Mapping file bad.yml: unknown key 'tabel'; the keys are columns, "
				+ "constants, delimiter, encoding, source, table, time_zone, timestamp_format.");
	}

	@Test
	void aMissingOrMalformedSourceIsRefused() {
		assertRefused(CHARGEBEE.replace("source: chargebee\n", ""),
				"Mapping file bad.yml: 'source' must be the inbox folder name in lower-case letters, digits, '_' or '-'.");
		assertRefused(CHARGEBEE.replace("source: chargebee", "source: Charge Bee"),
				"Mapping file bad.yml: 'source' must be the inbox folder name in lower-case letters, digits, '_' or '-'"
						+ " (found 'Charge Bee').");
	}

	@Test
	void aBuiltInSourceNameIsRefused() {
		assertRefused(CHARGEBEE.replace("source: chargebee", "source: stripe"),
				"Mapping file bad.yml: source 'stripe' is a built-in source; give the mapped source another name.");
	}

	@Test
	void anUnknownOrMissingTableIsRefused() {
		assertRefused(CHARGEBEE.replace("table: purchases", "table: invoices"), "Mapping file bad.yml: unknown table "
				+ "'invoices'; use one of purchases, contacts, tag_applications, touchpoints.");
		assertRefused(CHARGEBEE.replace("table: purchases\n", ""), "Mapping file bad.yml: missing 'table'; use one of "
				+ "purchases, contacts, tag_applications, touchpoints.");
	}

	@Test
	void anUnknownFieldIsRefused() {
		assertRefused(CHARGEBEE.replace("  amount: Amount", "  total: Amount"), "Mapping file bad.yml: unknown field "
				+ "'total' under columns for table purchases; its fields are purchase_key, occurred_at, amount, currency, "
				+ "email, contact_key, status.");
		assertRefused(CHARGEBEE.replace("  currency: eur", "  tags: vip"), "Mapping file bad.yml: unknown field 'tags' "
				+ "under constants for table purchases");
	}

	@Test
	void aRequiredFieldWithoutColumnOrConstantIsRefused() {
		assertRefused(CHARGEBEE.replace("  amount: Amount\n", ""), "Mapping file bad.yml: missing required field 'amount' "
				+ "for table purchases; map it under columns or give its value under constants.");
		assertRefused(CHARGEBEE.replace("constants:\n  currency: eur\n", ""), "Mapping file bad.yml: missing required "
				+ "field 'currency' for table purchases");
	}

	@Test
	void aTableNeedingAContactWithoutEmailOrContactKeyColumnIsRefused() {
		assertRefused(CHARGEBEE.replace("  email: Customer Email\n", ""),
				"Mapping file bad.yml: table purchases needs 'email' or 'contact_key' under columns.");
	}

	@Test
	void aRequiredFieldWithAColumnAndAConstantDoesNotRequireTheColumn() {
		// when
		MappingFile mapping = MappingFile.parse("chargebee.yml", CHARGEBEE + "  amount: '1.00'\n", BUILT_IN);

		// then
		assertThat(mapping.requiredColumns()).containsExactly("Invoice Number", "Date", "Customer Email");
	}

	@Test
	void anEmptyColumnIsRefused() {
		assertRefused(CHARGEBEE.replace("  amount: Amount", "  amount: ''"), "Mapping file bad.yml: columns.amount is empty.");
	}

	@Test
	void anUnknownCurrencyConstantIsRefused() {
		assertRefused(CHARGEBEE.replace("currency: eur", "currency: euro"), "Mapping file bad.yml: constants.currency: "
				+ "unknown currency 'euro'; use an ISO 4217 code such as EUR.");
	}

	@Test
	void anUnsupportedEncodingIsRefused() {
		assertRefused(CHARGEBEE.replace("ISO-8859-1", "UTF-16"),
				"Mapping file bad.yml: unsupported encoding 'UTF-16'; use UTF-8 or ISO-8859-1.");
	}

	@Test
	void aDelimiterThatIsNotOneOrdinaryCharacterIsRefused() {
		assertRefused(CHARGEBEE.replace("delimiter: \";\"", "delimiter: \";;\""), "Mapping file bad.yml: delimiter ';;' "
				+ "must be one character other than a quote or a line break.");
		assertRefused(CHARGEBEE.replace("delimiter: \";\"", "delimiter: '\"'"), "Mapping file bad.yml: delimiter '\"' "
				+ "must be one character other than a quote or a line break.");
	}

	@Test
	void aBadTimestampPatternIsRefused() {
		assertRefused(CHARGEBEE.replace("dd/MM/yyyy HH:mm", "dd/MM/yyyy {HH}"),
				"Mapping file bad.yml: timestamp_format 'dd/MM/yyyy {HH}' is not a java.time pattern");
	}

	@Test
	void anUnknownTimeZoneIsRefused() {
		assertRefused(CHARGEBEE.replace("Europe/Paris", "Europe/Pariss"), "Mapping file bad.yml: unknown time_zone "
				+ "'Europe/Pariss'; use a region id such as Europe/Paris, or UTC.");
	}

	@Test
	void aMissingMappingFolderMeansNoMappedSources(@TempDir Path home) {
		// given
		MappingFileSources sources = new MappingFileSources(properties(home, home.resolve("absent")));

		// when / then
		assertThat(sources.load(BUILT_IN)).isEmpty();
	}

	@Test
	void theFolderGivesOneMapperPerFileAndRefusesTwoFilesForOneSource(@TempDir Path folder) throws Exception {
		// given
		Files.writeString(folder.resolve("a.yml"), CHARGEBEE);
		Files.writeString(folder.resolve("notes.txt"), "not a mapping file");
		MappingFileSources sources = new MappingFileSources(properties(folder, folder));

		// when / then
		assertThat(sources.load(BUILT_IN)).extracting(MappedSourceMapper::source).containsExactly("chargebee");

		// given
		Files.writeString(folder.resolve("b.yaml"), CHARGEBEE);

		// when / then
		assertThatThrownBy(() -> sources.load(BUILT_IN)).isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("Mapping file " + folder.resolve("b.yaml") + ": source 'chargebee' is already declared by "
					+ folder.resolve("a.yml") + "; keep one mapping file per source.");
	}

	private static TouchpointProperties properties(Path home, Path mappingDir) {
		return new TouchpointProperties(home, null, null, null, null, new TouchpointProperties.Sources(mappingDir), null);
	}

	private static void assertRefused(String yaml, String messageStart) {
		assertThatThrownBy(() -> MappingFile.parse("bad.yml", yaml, BUILT_IN))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith(messageStart);
	}
}
