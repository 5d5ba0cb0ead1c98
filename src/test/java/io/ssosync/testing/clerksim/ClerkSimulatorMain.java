package io.ssosync.testing.clerksim;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own, e.g. for the service in dev mode:
 * {@code CLERK_SIM_HOST} (default 127.0.0.1), {@code CLERK_SIM_PORT} (default 8089), {@code CLERK_SIM_KEYS} (comma-separated, default sk_test_simulator),
 * {@code CLERK_SIM_RATE_LIMIT} (requests per key per 10 s, default 100). Runs until killed.
 */
public final class ClerkSimulatorMain {

    private ClerkSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(env("CLERK_SIM_PORT", "8089"));
        String[] keys = Arrays.stream(env("CLERK_SIM_KEYS", ClerkSimulator.DEFAULT_SECRET_KEY).split(","))
                .map(String::trim).filter(key -> !key.isEmpty()).toArray(String[]::new);
        int rateLimit = Integer.parseInt(env("CLERK_SIM_RATE_LIMIT", String.valueOf(ClerkSimulator.DEFAULT_RATE_LIMIT)));

        ClerkSimulator simulator = ClerkSimulator.builder().host(env("CLERK_SIM_HOST", "127.0.0.1")).port(port)
                .secretKeys(keys).rateLimit(rateLimit).start();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "clerk-sim-shutdown"));
        System.out.println("Clerk simulator: " + simulator.baseUrl() + " (admin " + simulator.adminUrl() + ", "
                + keys.length + " key(s), " + rateLimit + " requests per key per 10 s, validator ready in "
                + ClerkSimulator.validatorStartupTime().toMillis() + " ms)");
        new CountDownLatch(1).await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
