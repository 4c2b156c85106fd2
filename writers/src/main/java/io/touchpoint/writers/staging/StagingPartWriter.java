package io.touchpoint.writers.staging;

import io.touchpoint.writers.quarantine.QuarantineBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Writes each chunk's staged rows as gzip CSV work parts in S3 and registers them in the
 * {@link WorkPartLedger} on the chunk transaction.
 *
 * <p>For each chunk, the rows of all items plus the rows drained from the {@link QuarantineBuffer}
 * are grouped by table (first-seen order); each table's rows are cut into parts of at most
 * {@code rowsPerPart} rows, each part is uploaded to a fresh key
 * {@code work/batch=<batchId>/<table>/<uuid>.csv.gz} and then registered with its row count, money
 * sum and SHA-256. The registration joins the caller's transaction, so a part is committed exactly
 * when its chunk commits; parts of a rolled-back chunk stay orphaned under {@code work/} and are
 * never published, and a retried chunk uploads new keys. An empty chunk uploads nothing.
 */
public class StagingPartWriter implements ItemWriter<List<? extends StagedRow>> {

    private static final Logger log = LoggerFactory.getLogger(StagingPartWriter.class);

    private final S3Client s3;
    private final StagingLocation location;
    private final WorkPartLedger ledger;
    private final int rowsPerPart;
    private final QuarantineBuffer quarantine;

    public StagingPartWriter(S3Client s3, StagingLocation location, WorkPartLedger ledger, int rowsPerPart,
            QuarantineBuffer quarantine) {
        if (rowsPerPart < 1) {
            throw new IllegalArgumentException("rowsPerPart is " + rowsPerPart + " for batch "
                    + (location == null ? null : location.batchId()) + ": configure 1 or more rows per part");
        }
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.location = Objects.requireNonNull(location, "location");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rowsPerPart = rowsPerPart;
        this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
    }

    @Override
    public void write(Chunk<? extends List<? extends StagedRow>> chunk) {
        Map<String, List<StagedRow>> byTable = new LinkedHashMap<>();
        for (List<? extends StagedRow> item : chunk) {
            if (item != null) {
                for (StagedRow row : item) {
                    add(byTable, row);
                }
            }
        }
        for (StagedRow row : quarantine.drain()) {
            add(byTable, row);
        }
        for (Map.Entry<String, List<StagedRow>> table : byTable.entrySet()) {
            List<StagedRow> rows = table.getValue();
            for (int from = 0; from < rows.size(); from += rowsPerPart) {
                writePart(table.getKey(), rows.subList(from, Math.min(rows.size(), from + rowsPerPart)));
            }
        }
    }

    private static void add(Map<String, List<StagedRow>> byTable, StagedRow row) {
        if (row != null) {
            List<StagedRow> rows = byTable.get(row.table());
            if (rows == null) { // a table name is checked once a chunk, not once a row
                rows = new ArrayList<>();
                byTable.put(StagingLocation.requireTable(row.table()), rows);
            }
            rows.add(row);
        }
    }

    private void writePart(String table, List<StagedRow> rows) {
        String key = location.workPrefix() + table + "/" + UUID.randomUUID() + ".csv.gz";
        long money = 0;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, rows.size() * 64));
        try (FastGzipOutputStream gzip = new FastGzipOutputStream(bytes)) {
            CsvRowEncoder encoder = new CsvRowEncoder(gzip);
            for (StagedRow row : rows) {
                row.writeCsv(encoder);
                encoder.endRow();
                money = Math.addExact(money, row.moneyMinor());
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not compress part s3://" + location.bucket() + "/" + key
                    + " of batch " + location.batchId() + ": " + e.getMessage() + "; restart the execution", e);
        }
        byte[] body = bytes.toByteArray();
        String sha256 = sha256(body);
        try {
            s3.putObject(PutObjectRequest.builder().bucket(location.bucket()).key(key)
                    .contentType("application/gzip").build(), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            throw new StagingException("could not upload s3://" + location.bucket() + "/" + key + ": " + e.getMessage()
                    + "; check that the bucket is reachable, then restart the execution", e);
        }
        ledger.register(location.batchId(), table, key, rows.size(), money, sha256);
        log.debug("staged work part s3://{}/{}: {} rows, money {}", location.bucket(), key, rows.size(), money);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
