package io.ssosync.testing.kafka;

import static java.util.stream.Collectors.toSet;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    private static final String TOPIC = "sso-events";
    private static final String GROUP = "sso-sync-test";

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        long start = System.nanoTime();
        kafka = EmbeddedKafka.shared();
        // Near zero when another test class in this JVM already started the shared broker.
        System.out.printf("Embedded Kafka ready at %s after %d ms%n",
                kafka.bootstrapServers(), Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Test
    void secondConsumerOfGroupResumesAfterCommittedOffsets() {
        kafka.createTopic(TOPIC, 3);
        kafka.createTopic(TOPIC, 3); // idempotent
        send(IntStream.range(0, 6).mapToObj(i -> "first-" + i).toList());

        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<ConsumerRecord<String, String>> records = pollUntil(consumer, 6);
            assertEquals(List.of("first-0", "first-1", "first-2", "first-3", "first-4", "first-5"), sortedValues(records));
            assertEquals(Set.of(0, 1, 2), records.stream().map(ConsumerRecord::partition).collect(toSet()));
            records.forEach(r -> assertEquals("trace-" + r.value(),
                    new String(r.headers().lastHeader("trace-id").value(), StandardCharsets.UTF_8)));
            consumer.commitSync();
        }

        send(List.of("second-0", "second-1", "second-2"));

        try (KafkaConsumer<String, String> consumer = consumer()) {
            assertEquals(List.of("second-0", "second-1", "second-2"), sortedValues(pollUntil(consumer, 3)));
        }
    }

    @Test
    void sharedBrokerIsReusedAndSurvivesClose() {
        EmbeddedKafka again = EmbeddedKafka.shared();
        again.close();

        assertSame(kafka, again);
        kafka.createTopic("still-alive", 1);
    }

    @Test
    void dedicatedBrokerOnFixedPortReleasesItOnClose() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        try (EmbeddedKafka dedicated = EmbeddedKafka.start(port)) {
            assertEquals("127.0.0.1:" + port, dedicated.bootstrapServers());
            dedicated.createTopic("dedicated", 2);
        }

        try (ServerSocket rebound = new ServerSocket(port)) {
            assertEquals(port, rebound.getLocalPort());
        }
    }

    @Test
    void aPortTakenBeforeTheBrokerBindsItIsReportedAsABindFailureSoThatTheCallerPicksAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> EmbeddedKafka.start(taken.getLocalPort()).close());

            assertTrue(EmbeddedKafka.isBindFailure(failure), failure.toString());
        }
        assertFalse(EmbeddedKafka.isBindFailure(new IllegalStateException("the broker refused its config")));
    }

    private static void send(List<String> values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String value : values) {
                var record = new ProducerRecord<>(TOPIC, value, value);
                record.headers().add("trace-id", ("trace-" + value).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                // earliest: a consumer that ignored the committed offsets would re-read the first batch
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        // Same thread: KafkaConsumer is single-threaded and is committed and closed by the caller.
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= count;
        });
        return records;
    }

    private static List<String> sortedValues(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).sorted().toList();
    }
}
