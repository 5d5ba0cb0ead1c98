package io.ssosync.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The consumer group's lag on the registry topic: the partitions' end offsets less the offsets the group
 * committed, summed. Committed offsets are what a restart resumes from, so records taken from Kafka but not yet
 * recorded count as lag; the Kafka client's own records-lag metric only sees what it has not fetched yet, and
 * stands still while the consumer is paused. Read with the connector's Kafka settings (kafka.*), security included.
 */
@ApplicationScoped
public class ConsumerLagQuery {

    private static final long TIMEOUT_SECONDS = 5;

    private final Map<String, Object> kafka;
    private final String topic;
    private final String group;
    private Admin admin;

    public ConsumerLagQuery(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "mp.messaging.incoming.idp-registry-events.topic") String topic,
            @ConfigProperty(name = "mp.messaging.incoming.idp-registry-events.group.id") String group) {
        this.kafka = kafka;
        this.topic = topic;
        this.group = group;
    }

    public String topic() {
        return topic;
    }

    /** Records of the topic the group has not committed yet; a partition it never committed counts whole. */
    public synchronized long read() throws InterruptedException {
        try {
            Admin client = admin();
            Set<TopicPartition> partitions = client.describeTopics(Set.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = client.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return ends.entrySet().stream().mapToLong(e -> {
                OffsetAndMetadata done = committed.get(e.getKey());
                return Math.max(0, e.getValue() - (done == null ? 0 : done.offset()));
            }).sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the consumer group's offsets: " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "sso-sync-metrics");
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
