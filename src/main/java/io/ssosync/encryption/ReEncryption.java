package io.ssosync.encryption;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ssosync.crypto.SecretBox;
import io.ssosync.ingest.RejectedEventStore;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.store.SealedSpecs;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Seals every stored secret again under the current key, in batches that each take one short transaction, so
 * that it runs beside the pipeline; and counts what each key still seals, which tells when an old key can go.
 */
@ApplicationScoped
public class ReEncryption {

    static final int BATCH = 200;
    /** Rows the pipeline held during a pass are taken up by the next one; a few passes settle a busy database. */
    static final int MAX_PASSES = 5;

    private final Transactions transactions;
    private final SealedSpecs specs;
    private final RejectedEventStore rejected;
    private final SecretBox box;

    public ReEncryption(Transactions transactions, SealedSpecs specs, RejectedEventStore rejected, SecretBox box) {
        this.transactions = transactions;
        this.specs = specs;
        this.rejected = rejected;
        this.box = box;
    }

    /** Outcome of a run: how many values were sealed again, and what each key seals afterwards. */
    public record Result(long resealed, KeyUsage usage) {
    }

    public Result run() {
        long total = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            long resealed = pass();
            total += resealed;
            if (resealed == 0) {
                break;
            }
        }
        return new Result(total, usage());
    }

    private long pass() {
        long resealed = 0;
        String current = box.currentKeyId();
        for (SealedSpecs.Column column : SealedSpecs.Column.values()) {
            String cursor = null;
            do {
                String after = cursor;
                SealedSpecs.Batch batch = transactions.inTransaction(c -> specs.reseal(c, column, after, BATCH,
                        current));
                resealed += batch.resealed();
                cursor = batch.nextCursor();
            } while (cursor != null);
        }
        long afterId = 0;
        do {
            long after = afterId;
            RejectedEventStore.ResealBatch batch = transactions.inTransaction(c -> rejected.reseal(c, after, BATCH));
            resealed += batch.resealed();
            afterId = batch.lastId();
        } while (afterId >= 0);
        return resealed;
    }

    public KeyUsage usage() {
        Map<String, Long> values = new TreeMap<>();
        values.put(SecretBox.CLEAR, 0L);
        for (String id : box.keyIds()) {
            values.put(id, 0L);
        }
        for (SealedSpecs.Column column : SealedSpecs.Column.values()) {
            String cursor = null;
            do {
                String after = cursor;
                cursor = transactions.inTransaction(c -> specs.count(c, column, after, BATCH * 5, values));
            } while (cursor != null);
        }
        // Each rejection holds two sealed values: its raw bytes and its headers.
        transactions.inTransaction(rejected::countByKey).forEach((id, rows) -> values.merge(id, 2 * rows, Long::sum));
        List<String> unused = new ArrayList<>();
        for (String id : box.keyIds()) {
            if (!id.equals(box.currentKeyId()) && values.get(id) == 0) {
                unused.add(id);
            }
        }
        List<String> missing = new ArrayList<>();
        values.forEach((id, count) -> {
            if (count > 0 && !id.equals(SecretBox.CLEAR) && !box.keyIds().contains(id)) {
                missing.add(id);
            }
        });
        return new KeyUsage(box.currentKeyId(), box.keyIds(), values, unused, missing);
    }
}
