package io.ssosync.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class DeadLetterOutcomesTest {

    private static final TimeoutException KAFKA = new TimeoutException("Topic x not present in metadata after 1000 ms.");

    @Test
    void namesKafkasReasonBehindTheConnectorsRetry() {
        IllegalStateException asCause = new IllegalStateException("Retries exhausted : 2 attempts", KAFKA);
        IllegalStateException asSuppressed = new IllegalStateException("Retries exhausted : 0 attempts");
        asSuppressed.addSuppressed(KAFKA);

        String expected = "TimeoutException: Topic x not present in metadata after 1000 ms.";
        assertEquals(expected, DeadLetterOutcomes.describe(asCause));
        assertEquals(expected, DeadLetterOutcomes.describe(asSuppressed));
        assertEquals(expected, DeadLetterOutcomes.describe(KAFKA));
        assertEquals("java.lang.IllegalStateException", DeadLetterOutcomes.describe(new IllegalStateException()));
    }
}
