package io.ssosync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.ssosync.testing.TestDatabase;

/**
 * The ingest baseline: the least a consumer that keeps what it reads can do on the same broker and database. A bare
 * KafkaConsumer reads the topic from the start and, for each poll, inserts the records into a scratch table in one
 * JDBC batch and one transaction, then commits the offsets. No parsing, no dedup, no planning.
 */
final class BareIngestBaseline {

    private static final String TABLE = "bench_bare_ingest";
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    private BareIngestBaseline() {
    }

    /** Events per second from the first poll that returned records to the last record committed in PostgreSQL. */
    static double eventsPerSecond(String bootstrapServers, String topic, int expected) {
        TestDatabase.execute("drop table if exists " + TABLE + "; create table " + TABLE
                + " (topic text not null, kafka_partition int not null, kafka_offset bigint not null, key text,"
                + " value bytea not null, received_at timestamptz not null default now(),"
                + " primary key (topic, kafka_partition, kafka_offset))");
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-bare-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
                Connection db = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD)) {
            db.setAutoCommit(false);
            consumer.subscribe(List.of(topic));
            long first = 0;
            int stored = 0;
            while (stored < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bare consumer stored " + stored + " of " + expected
                            + " in " + TIMEOUT);
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                if (first == 0) {
                    first = System.nanoTime();
                }
                stored += insert(db, records);
                consumer.commitSync();
            }
            return expected / ((System.nanoTime() - first) / 1e9);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            TestDatabase.execute("drop table if exists " + TABLE);
        }
    }

    private static int insert(Connection db, ConsumerRecords<String, byte[]> records) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into " + TABLE
                + " (topic, kafka_partition, kafka_offset, key, value) values (?, ?, ?, ?, ?)")) {
            for (ConsumerRecord<String, byte[]> record : records) {
                insert.setString(1, record.topic());
                insert.setInt(2, record.partition());
                insert.setLong(3, record.offset());
                insert.setString(4, record.key());
                insert.setBytes(5, record.value());
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        }
        return records.count();
    }
}
