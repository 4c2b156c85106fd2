package io.touchpoint.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.touchpoint.jobs.model.Contact;
import io.touchpoint.jobs.model.ContactIds;
import io.touchpoint.jobs.model.TagApplication;
import io.touchpoint.jobs.model.TagSnapshot;
import io.touchpoint.jobs.sources.SourceMapper;
import io.touchpoint.jobs.sources.SourceMappers;
import io.touchpoint.jobs.sources.api.ApiSources;
import io.touchpoint.jobs.sources.hubspot.HubspotContactsMapper;
import io.touchpoint.jobs.sources.mapping.MappingFileSources;
import io.touchpoint.readers.MalformedRecordException;
import io.touchpoint.readers.SourceRecord;
import io.touchpoint.readers.csv.CsvHeader;
import io.touchpoint.readers.csv.CsvRecord;
import io.touchpoint.writers.staging.StagedRow;

/** normalize's processor, on one thread and mapping each chunk ahead on several. */
class NormalizeProcessorTests {

	private static final CsvHeader HEADER = CsvHeader.of("contacts.csv",
			new String[] { "Record ID", "Email", "Last Modified Date", "Tags" });

	private static final SourceMapper.MappingContext CONTEXT = new SourceMapper.MappingContext("acme", "b1",
			Instant.parse("2026-11-02T00:00:00Z"));

	/** No column sizes: these tests are about mapping ahead, not about lengths. */
	private static final ColumnLimits NO_LIMITS = new ColumnLimits(java.util.Map.of());

	@Test
	void onThreeThreadsGoodRecordsGiveTheirRowsAndBadOnesThrowTheirReasonInChunkOrder() {
		// given six HubSpot records, the third without a Record ID and the fifth with a broken e-mail
		List<SourceRecord> records = List.of(hubspot(2, "1", "ann@example.com", "vip;trial"),
				hubspot(3, "2", "bob@example.com", ""), hubspot(4, "", "cy@example.com", "vip"),
				hubspot(5, "4", "dee@example.com", "beta"), hubspot(6, "5", "not-an-email", ""),
				hubspot(7, "6", "", "vip"));
		NormalizeProcessor processor = new NormalizeProcessor(mappers(new HubspotContactsMapper(List.of("Tags"))),
				CONTEXT, NO_LIMITS, 3);

		// when the chunk is mapped ahead, then processed record by record
		processor.beforeChunk(new Chunk<>(records));
		List<Object> outcomes = new ArrayList<>();
		for (SourceRecord record : records) {
			try {
				outcomes.add(processor.process(record));
			}
			catch (MalformedRecordException ex) {
				outcomes.add(ex.reason());
			}
		}

		// then: a contact, its identity, its listing and one row per tag (ann: 2 tags, bob: none, dee: 1, #6: 1)
		assertThat(outcomes.get(2)).isEqualTo("empty Record ID");
		assertThat(outcomes.get(4)).isEqualTo("Email: 'not-an-email' is not an e-mail address");
		assertThat(rows(outcomes.get(0))).hasSize(5);
		assertThat(rows(outcomes.get(1))).hasSize(3);
		assertThat(rows(outcomes.get(3))).hasSize(4);
		assertThat(rows(outcomes.get(5))).hasSize(4);
		Contact ann = (Contact) rows(outcomes.get(0)).get(0);
		assertThat(ann.contactId()).isEqualTo(ContactIds.forEmail("acme", "ann@example.com"));
		assertThat(ann.updatedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
		assertThat(rows(outcomes.get(0))).filteredOn(TagSnapshot.class::isInstance)
			.extracting(row -> ((TagSnapshot) row).tag()).containsExactly(TagSnapshot.LISTED, "vip", "trial");
		// record 6 has no e-mail: its contact is the one of its HubSpot record id
		assertThat(((Contact) rows(outcomes.get(5)).get(0)).contactId())
			.isEqualTo(ContactIds.forExternalId("acme", "hubspot", "record_id", "6"));
	}

	@Test
	void eachRecordIsMappedOnceAheadOnSeveralThreadsAndAgainOnlyAfterItsChunkEnded() {
		// given a mapper that counts its calls and the threads it ran on
		CountingMapper counting = new CountingMapper();
		NormalizeProcessor processor = new NormalizeProcessor(mappers(counting), CONTEXT, NO_LIMITS, 2);
		List<SourceRecord> records = new ArrayList<>();
		for (int n = 1; n <= 6; n++) {
			records.add(record(counting.source(), n));
		}

		// when the chunk is mapped ahead and processed
		processor.beforeChunk(new Chunk<>(records));
		for (SourceRecord record : records) {
			assertThat(processor.process(record)).hasSize(1);
		}

		// then six calls, on two threads, none for processing
		assertThat(counting.calls).hasValue(6);
		assertThat(counting.threads).hasSize(2);

		// when the chunk ended (committed or failed), a record processed again is mapped again
		processor.afterChunk(new Chunk<>());
		processor.process(records.get(0));
		processor.onChunkError(new IllegalStateException("write failed"), new Chunk<>());
		processor.process(records.get(1));
		assertThat(counting.calls).hasValue(8);
	}

	@Test
	void onOneThreadNothingIsMappedAhead() {
		CountingMapper counting = new CountingMapper();
		NormalizeProcessor processor = new NormalizeProcessor(mappers(counting), CONTEXT, NO_LIMITS, 1);
		List<SourceRecord> records = List.of(record(counting.source(), 1), record(counting.source(), 2));

		processor.beforeChunk(new Chunk<>(records));

		assertThat(counting.calls).hasValue(0);
		processor.process(records.get(0));
		assertThat(counting.calls).hasValue(1);
		assertThatThrownBy(() -> new NormalizeProcessor(mappers(counting), CONTEXT, NO_LIMITS, 0))
			.hasMessageContaining("threads is 0");
	}

	@Test
	void aSourceThatDeclaresItsTagsChangesMayNotListThem() {
		// given a mapper that lists a contact's tags without declaring itself a snapshot
		SourceMapper undeclared = new SourceMapper() {

			@Override
			public String source() {
				return "hubspot";
			}

			@Override
			public FileFormat format() {
				return new HubspotContactsMapper(List.of("Tags")).format();
			}

			@Override
			public List<StagedRow> map(SourceRecord record, MappingContext context) {
				return TagSnapshot.listing("acme", "c1", List.of("vip"), Instant.parse("2026-11-01T10:00:00Z"), "hubspot",
						null, "b1");
			}
		};
		NormalizeProcessor processor = new NormalizeProcessor(mappers(undeclared), CONTEXT, NO_LIMITS, 1);

		// when / then
		assertThatThrownBy(() -> processor.process(hubspot(2, "1", "ann@example.com", "vip")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("source hubspot lists tags (tag_snapshots) but declares its tags as changes");
	}

	@SuppressWarnings("unchecked")
	private static List<StagedRow> rows(Object outcome) {
		return (List<StagedRow>) outcome;
	}

	private static CsvRecord hubspot(long line, String id, String email, String tags) {
		String[] values = { id, email, "2026-11-01 10:00", tags };
		return new CsvRecord("hubspot", "contacts.csv", line, String.join(",", values), HEADER, values);
	}

	private static CsvRecord record(String source, long line) {
		CsvHeader header = CsvHeader.of("counted.csv", new String[] { "n" });
		return new CsvRecord(source, "counted.csv", line, Long.toString(line), header,
				new String[] { Long.toString(line) });
	}

	private static SourceMappers mappers(SourceMapper mapper) {
		return new SourceMappers(List.of(mapper),
				new StaticListableBeanFactory().getBeanProvider(MappingFileSources.class), new ApiSources(List.of()));
	}

	/** Maps each record to one row, counting calls and threads. */
	private static final class CountingMapper implements SourceMapper {

		final AtomicInteger calls = new AtomicInteger();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		@Override
		public String source() {
			return "counted";
		}

		@Override
		public FileFormat format() {
			return new FileFormat(FileFormat.Kind.CSV, java.nio.charset.StandardCharsets.UTF_8, List.of("n"), ',');
		}

		@Override
		public List<StagedRow> map(SourceRecord record, MappingContext context) {
			calls.incrementAndGet();
			threads.add(Thread.currentThread().getName());
			return List.of(new TagApplication("acme", "c1", "t" + record.line(), 1, Instant.EPOCH, "counted", null, "b1"));
		}
	}
}
