package io.ssosync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.ssosync.testing.kafka.EmbeddedKafka;

/**
 * {@link SyncStack} with the status events going to a broker of their own, which clients reach only through a
 * TCP proxy (the broker advertises the proxy's port), so that a test can take Kafka away from the status relay
 * alone and bring it back: every connection breaks and new ones are refused, as when the brokers are down.
 */
public class StatusOutageStack extends SyncStack {

    private static DatabaseProxy proxy;
    private static EmbeddedKafka broker;

    public static synchronized DatabaseProxy proxy() {
        if (proxy == null) {
            for (int attempt = 1; proxy == null; attempt++) {
                int brokerPort = freePort();
                DatabaseProxy started = DatabaseProxy.start("127.0.0.1", brokerPort);
                try {
                    broker = EmbeddedKafka.start(brokerPort,
                            Map.of("advertised.listeners", "PLAINTEXT://127.0.0.1:" + started.port()));
                    proxy = started;
                } catch (IllegalStateException e) {
                    started.close();
                    // The port found free was taken before the broker bound it: another one.
                    if (attempt == 3 || !EmbeddedKafka.isBindFailure(e)) {
                        throw e;
                    }
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                proxy.close();
            }));
        }
        return proxy;
    }

    /** The status broker as clients see it: through the proxy. */
    public static String bootstrapServers() {
        return "127.0.0.1:" + proxy().port();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("mp.messaging.outgoing.sso-sync-status.bootstrap.servers", bootstrapServers());
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
