package io.ssosync.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link SyncStack} with the service reaching PostgreSQL through a {@link DatabaseProxy}, which a test
 * cuts off to simulate an outage. The test's own queries ({@link TestDatabase}) go straight to PostgreSQL.
 */
public class DatabaseOutageStack extends SyncStack {

    private static DatabaseProxy proxy;

    public static synchronized DatabaseProxy proxy() {
        if (proxy == null) {
            URI postgres = URI.create(TestDatabase.HOST_URL.substring("jdbc:".length()));
            proxy = DatabaseProxy.start(postgres.getHost(), postgres.getPort() < 0 ? 5432 : postgres.getPort());
            Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
        }
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.datasource.jdbc.url", proxy().jdbcUrl(TestDatabase.NAME));
        return config;
    }
}
