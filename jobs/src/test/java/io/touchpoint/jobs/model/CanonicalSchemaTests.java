package io.touchpoint.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.touchpoint.writers.load.LoadTable;
import io.touchpoint.writers.quarantine.QuarantineRow;
import io.touchpoint.writers.staging.CsvRowEncoder;
import io.touchpoint.writers.staging.StagedRow;

/**
 * The canonical schema is written in several places that must agree: each record's components and the order its
 * {@code writeCsv} writes them, {@link CanonicalTables} (the staged files' column order the loaders name), the tables
 * the migrations of both dialects build ({@code sql/mysql}, {@code sql/singlestore}), and the merge SQL
 * ({@code sql/mysql/merge}). Each check fails naming the table and the column that disagree.
 */
class CanonicalSchemaTests {

	/** Columns the database fills, not the staged files: the file a row came from, when it was loaded, its id. */
	private static final Set<String> DATABASE_FILLED = Set.of("staged_file", "loaded_at", "quarantine_id");

	/** The record each canonical table's rows are. */
	private static final Map<String, Class<? extends StagedRow>> RECORDS = Map.of(Contact.TABLE, Contact.class,
			ContactIdentity.TABLE, ContactIdentity.class, Purchase.TABLE, Purchase.class, Refund.TABLE, Refund.class,
			TagApplication.TABLE, TagApplication.class, TagSnapshot.TABLE, TagSnapshot.class, Touchpoint.TABLE,
			Touchpoint.class, Campaign.TABLE, Campaign.class, AdSpend.TABLE, AdSpend.class, QuarantineRow.TABLE,
			QuarantineRow.class);

	@Test
	void everyCanonicalTableHasItsRecord() {
		assertThat(RECORDS.keySet()).as("the records of CanonicalTables").isEqualTo(CanonicalTables.all().keySet());
	}

	@Test
	void eachRecordWritesItsCsvInTheOrderOfCanonicalTablesOneComponentPerColumn() throws Exception {
		for (LoadTable table : CanonicalTables.all().values()) {
			Class<? extends StagedRow> type = RECORDS.get(table.name());
			StagedRow row = distinctValues(type);
			List<String> fields = fields(encode(row::writeCsv));
			List<String> columns = table.csvColumns();
			assertThat(fields).as(table.name() + ": " + type.getSimpleName() + ".writeCsv writes " + fields.size()
					+ " fields, CanonicalTables lists " + columns.size() + " columns " + columns).hasSameSizeAs(columns);
			for (int i = 0; i < columns.size(); i++) {
				String column = columns.get(i);
				Method accessor = accessor(type, column);
				assertThat(accessor).as(table.name() + "." + column + ": " + type.getSimpleName()
						+ " has no component or method " + camel(column) + "()").isNotNull();
				String expected = fields(encode(out -> write(out, accessor.invoke(row)))).get(0);
				assertThat(fields.get(i)).as(table.name() + "." + column + " is field " + (i + 1) + " of "
						+ type.getSimpleName() + ".writeCsv, which writes another value there").isEqualTo(expected);
			}
			for (RecordComponent component : type.getRecordComponents()) {
				String column = snake(component.getName());
				assertThat(table.columns().contains(column) || table.columns().contains("is_" + column))
					.as(table.name() + ": component " + type.getSimpleName() + "." + component.getName()
							+ " has no column " + column + " in CanonicalTables")
					.isTrue();
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "mysql", "singlestore" })
	void theMigrationsOfEachDialectBuildEveryCanonicalColumnAndNoOther(String dialect) throws IOException {
		Map<String, List<String>> schema = migrate(dialect);
		for (LoadTable table : CanonicalTables.all().values()) {
			List<String> ddl = schema.get(table.name());
			assertThat(ddl).as("sql/" + dialect + ": no migration creates table " + table.name()).isNotNull();
			for (String column : table.columns()) {
				assertThat(ddl).as("sql/" + dialect + ": table " + table.name() + " has no column " + column
						+ ", which CanonicalTables lists").contains(column);
			}
			for (String column : ddl) {
				assertThat(table.columns().contains(column) || DATABASE_FILLED.contains(column))
					.as("sql/" + dialect + ": column " + table.name() + "." + column
							+ " is not in CanonicalTables, nor one the database fills " + DATABASE_FILLED)
					.isTrue();
			}
		}
	}

	@Test
	void eachMergeInsertsTheCanonicalColumnsAndSelectsThemInTheSameOrder() throws IOException {
		Map<String, List<String>> schema = migrate("mysql");
		for (LoadTable table : CanonicalTables.all().values()) {
			if (table.mergeSql() == null) {
				continue;
			}
			String sql = table.mergeSql().replaceAll("\\s+", " ");
			Matcher merge = Pattern.compile("INSERT INTO (\\w+) \\(([^)]*)\\) SELECT (.*?) FROM \\{staging}",
					Pattern.CASE_INSENSITIVE).matcher(sql);
			assertThat(merge.find()).as("sql/mysql/merge/" + table.name() + ".sql: no INSERT INTO ... SELECT ... FROM "
					+ "{staging}").isTrue();
			assertThat(merge.group(1)).as("sql/mysql/merge/" + table.name() + ".sql inserts into another table")
				.isEqualTo(table.name());
			List<String> inserted = names(merge.group(2));
			List<String> selected = names(merge.group(3));
			Set<String> expected = new LinkedHashSet<>(table.columns());
			expected.add("staged_file");
			for (String column : expected) {
				assertThat(inserted).as("sql/mysql/merge/" + table.name() + ".sql does not insert " + table.name() + "."
						+ column).contains(column);
			}
			for (int i = 0; i < inserted.size(); i++) {
				assertThat(expected).as("sql/mysql/merge/" + table.name() + ".sql inserts " + inserted.get(i)
						+ ", which is not a column of the staged file or staged_file").contains(inserted.get(i));
				assertThat(i < selected.size() ? selected.get(i) : null).as("sql/mysql/merge/" + table.name()
						+ ".sql: column " + (i + 1) + " of the INSERT is " + inserted.get(i) + ", of the SELECT another")
					.isEqualTo(inserted.get(i));
			}
			Matcher updated = Pattern.compile("(\\w+)\\s*=\\s*(?:IF|LEAST|GREATEST|COALESCE|VALUES)\\b",
					Pattern.CASE_INSENSITIVE).matcher(sql.substring(sql.toUpperCase(Locale.ROOT).indexOf("ON DUPLICATE")));
			while (updated.find()) {
				assertThat(schema.get(table.name())).as("sql/mysql/merge/" + table.name() + ".sql updates "
						+ updated.group(1) + ", which the table does not have").contains(updated.group(1));
			}
		}
	}

	// ---- the records ----

	/** A row whose every component has a value no other component has, so a swapped field shows. */
	private static StagedRow distinctValues(Class<? extends StagedRow> type) throws Exception {
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			Class<?> t = components[i].getType();
			values[i] = t == String.class ? "v" + (char) ('a' + i) + "x"
					: t == Instant.class ? Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * (i + 1))
					: t == LocalDate.class ? LocalDate.of(2026, 1, 1 + i)
					: t == long.class || t == Long.class ? 1000L + i
					: t == int.class || t == Integer.class ? (Object) 1
					: t == boolean.class ? (Object) true : null;
			assertThat(values[i]).as(type.getSimpleName() + "." + components[i].getName() + ": a type this test "
					+ "does not fill (" + t + ")").isNotNull();
		}
		Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
		return type.getDeclaredConstructor(types).newInstance(values);
	}

	/** The record's component or method for a column: {@code contact_id} → {@code contactId()}, {@code is_x} → {@code x()}. */
	private static Method accessor(Class<?> type, String column) {
		for (String name : List.of(camel(column), camel(column.replaceFirst("^is_", "")))) {
			try {
				Method method = type.getMethod(name);
				if (method.getReturnType() != void.class) {
					return method;
				}
			}
			catch (NoSuchMethodException ex) {
				// the next name
			}
		}
		return null;
	}

	private static void write(CsvRowEncoder out, Object value) {
		if (value == null || value instanceof String) {
			out.string((String) value);
		}
		else if (value instanceof Instant instant) {
			out.timestamp(instant);
		}
		else if (value instanceof LocalDate date) {
			out.date(date);
		}
		else if (value instanceof Boolean flag) {
			out.number(flag ? 1 : 0);
		}
		else {
			out.number(((Number) value).longValue());
		}
	}

	private interface Row {

		void write(CsvRowEncoder out) throws Exception;
	}

	private static String encode(Row row) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CsvRowEncoder out = new CsvRowEncoder(bytes);
		row.write(out);
		out.endRow();
		out.flush();
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** The fields of one encoded row (the test's values hold no comma, quote or line break). */
	private static List<String> fields(String line) {
		return List.of(line.strip().split(",", -1));
	}

	private static String camel(String column) {
		StringBuilder name = new StringBuilder();
		for (String part : column.split("_")) {
			name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return name.toString();
	}

	private static String snake(String component) {
		return component.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
	}

	// ---- the migrations ----

	/** The columns of every table once all of the dialect's warehouse migrations ran, in version order. */
	private static Map<String, List<String>> migrate(String dialect) throws IOException {
		Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:sql/" + dialect + "/V*.sql");
		assertThat(scripts).as("sql/" + dialect + "/V*.sql on the class path").isNotEmpty();
		Arrays.sort(scripts, Comparator.comparingInt(script -> version(script.getFilename())));
		Map<String, List<String>> tables = new LinkedHashMap<>();
		for (Resource script : scripts) {
			String text = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			for (String statement : statements(text)) {
				apply(tables, statement);
			}
		}
		return tables;
	}

	private static int version(String file) {
		return Integer.parseInt(file.substring(1, file.indexOf("__")));
	}

	private static List<String> statements(String script) {
		StringBuilder text = new StringBuilder();
		for (String line : script.split("\n")) {
			int comment = line.indexOf("--");
			text.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
		}
		List<String> statements = new ArrayList<>();
		for (String statement : text.toString().split(";\\s*\n")) {
			String normalized = statement.replace('`', ' ').replaceAll("\\s+", " ").strip();
			if (!normalized.isEmpty()) {
				statements.add(normalized);
			}
		}
		return statements;
	}

	private static final Pattern CREATE = Pattern.compile(
			"CREATE (?:ROWSTORE |REFERENCE |COLUMNSTORE )*TABLE (?:IF NOT EXISTS )?(\\w+) ?\\((.*)\\)[^)]*",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern CREATE_LIKE = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?(\\w+) LIKE (\\w+)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ALTER = Pattern.compile("ALTER TABLE (\\w+) (.*)", Pattern.CASE_INSENSITIVE);

	private static final Pattern RENAME = Pattern.compile("RENAME TABLE (.*)", Pattern.CASE_INSENSITIVE);

	private static final Pattern DROP = Pattern.compile("DROP TABLE (?:IF EXISTS )?(.*)", Pattern.CASE_INSENSITIVE);

	/** Words that start a table element other than a column. */
	private static final Set<String> NOT_COLUMNS = Set.of("PRIMARY", "KEY", "UNIQUE", "INDEX", "SHARD", "SORT",
			"CONSTRAINT", "FULLTEXT", "FOREIGN", "CHECK", "SPATIAL");

	private static void apply(Map<String, List<String>> tables, String statement) {
		Matcher m;
		if ((m = CREATE_LIKE.matcher(statement)).matches()) {
			tables.put(m.group(1), new ArrayList<>(tables.get(m.group(2))));
		}
		else if ((m = CREATE.matcher(statement)).matches()) {
			List<String> columns = new ArrayList<>();
			for (String element : topLevel(m.group(2))) {
				String first = element.split(" ")[0];
				if (!NOT_COLUMNS.contains(first.toUpperCase(Locale.ROOT))) {
					columns.add(first);
				}
			}
			tables.put(m.group(1), columns);
		}
		else if ((m = ALTER.matcher(statement)).matches()) {
			String table = m.group(1);
			for (String clause : topLevel(m.group(2))) {
				String[] words = clause.split(" ");
				String verb = (words[0] + " " + (words.length > 1 ? words[1] : "")).toUpperCase(Locale.ROOT);
				if (verb.equals("ADD COLUMN")) {
					tables.get(table).add(words[2]);
				}
				else if (verb.equals("DROP COLUMN")) {
					tables.get(table).remove(words[2]);
				}
				else if (verb.equals("RENAME TO")) {
					tables.put(words[2], tables.remove(table));
				}
				else if (verb.startsWith("CHANGE ")) {
					List<String> columns = tables.get(table);
					columns.set(columns.indexOf(words[words[1].equalsIgnoreCase("COLUMN") ? 2 : 1]),
							words[words[1].equalsIgnoreCase("COLUMN") ? 3 : 2]);
				}
			}
		}
		else if ((m = RENAME.matcher(statement)).matches()) {
			for (String pair : m.group(1).split(",")) {
				String[] names = pair.strip().split(" (?i:TO) ");
				tables.put(names[1].strip(), tables.remove(names[0].strip()));
			}
		}
		else if ((m = DROP.matcher(statement)).matches()) {
			for (String name : m.group(1).split(",")) {
				tables.remove(name.strip());
			}
		}
	}

	/** The parts of a list separated by commas outside parentheses and quotes. */
	private static List<String> topLevel(String list) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		boolean quoted = false;
		int start = 0;
		for (int i = 0; i < list.length(); i++) {
			char c = list.charAt(i);
			if (c == '\'') {
				quoted = !quoted;
			}
			else if (!quoted && c == '(') {
				depth++;
			}
			else if (!quoted && c == ')') {
				depth--;
			}
			else if (!quoted && depth == 0 && c == ',') {
				parts.add(list.substring(start, i).strip());
				start = i + 1;
			}
		}
		parts.add(list.substring(start).strip());
		return parts;
	}

	private static List<String> names(String list) {
		return topLevel(list).stream().map(String::strip).toList();
	}
}
