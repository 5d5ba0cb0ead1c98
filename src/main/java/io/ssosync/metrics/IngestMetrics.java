package io.ssosync.metrics;

/**
 * What intake reports: each event recorded, each rejected, each webhook delivery answered. Tags are bounded
 * names, never a connection key or a tenant.
 */
public interface IngestMetrics {

    /** For intake built without Quarkus (tests of the contract's parsing). */
    IngestMetrics NONE = new IngestMetrics() {
        @Override
        public void recorded(String type, String outcome) {
        }

        @Override
        public void rejected(String reason) {
        }

        @Override
        public void webhookDelivery(String result) {
        }
    };

    /** An event recorded: its contract type ({@code unknown} for a type the contract does not know) and outcome. */
    void recorded(String type, String outcome);

    /** An event set aside; {@code reason} is the class of what was wrong (too_large, envelope, data, unstorable). */
    void rejected(String reason);

    /** A webhook delivery answered: accepted, repeated, invalid, unsigned, too_large, disabled, unavailable. */
    void webhookDelivery(String result);
}
