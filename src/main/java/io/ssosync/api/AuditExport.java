package io.ssosync.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.ssosync.audit.AuditRecord;

/**
 * Writes audit rows to an answer as they are read: CSV (a header row naming the columns, {@code id} first; quoting
 * by Jackson's CSV writer) or JSON Lines (one item per line, as the paged API shows it).
 */
final class AuditExport {

    static final String CSV = "text/csv";
    static final String JSON_LINES = "application/jsonl";

    private static final CsvMapper CSV_MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA = schema();

    private AuditExport() {
    }

    /** A sink that writes each row as a CSV record; {@link Writer#close()} ends the answer. */
    static Writer csv(OutputStream out) throws IOException {
        SequenceWriter rows = CSV_MAPPER.writer(SCHEMA).writeValues(out);
        return new Writer(record -> write(rows, row(record)), rows::close);
    }

    static Writer jsonLines(OutputStream out, ObjectMapper json) {
        return new Writer(record -> {
            try {
                out.write(json.writeValueAsBytes(AuditItem.of(record)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, out::flush);
    }

    /** Takes rows one at a time; closing flushes what is left. */
    record Writer(Consumer<AuditRecord> sink, Closer closer) {
        void close() throws IOException {
            closer.close();
        }
    }

    interface Closer {
        void close() throws IOException;
    }

    private static void write(SequenceWriter rows, Map<String, Object> row) {
        try {
            rows.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> row(AuditRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        List<Object> values = record.values();
        for (int i = 0; i < values.size(); i++) {
            row.put(AuditRecord.COLUMNS.get(i), values.get(i));
        }
        return row;
    }

    private static CsvSchema schema() {
        CsvSchema.Builder builder = CsvSchema.builder();
        AuditRecord.COLUMNS.forEach(builder::addColumn);
        return builder.build().withHeader();
    }
}
