package io.ssosync.status;

/** Hands one structured CloudEvent to Kafka and returns once Kafka acknowledged it. */
public interface StatusEventSender {

    /** @throws Exception when Kafka did not take the event (within the producer's time-outs) */
    void send(String key, String cloudEvent) throws Exception;
}
