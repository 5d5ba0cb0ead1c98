package io.ssosync.packaged;

import java.util.HashMap;
import java.util.Map;

import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.kafka.EmbeddedKafka;

/** The documented environment variables, pointed at the test broker, database and simulator. */
final class PackagedAppEnvironment {

    private PackagedAppEnvironment() {
    }

    static Map<String, String> of(EmbeddedKafka kafka, String topic, ClerkSimulator clerk) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("IDP_EVENTS_TOPIC", topic);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", TestDatabase.URL);
        env.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
        env.put("CLERK_API_URL", clerk.baseUrl());
        env.put("CLERK_SECRET_KEY", clerk.secretKey());
        env.put("CLERK_API", "enterprise");
        return env;
    }
}
