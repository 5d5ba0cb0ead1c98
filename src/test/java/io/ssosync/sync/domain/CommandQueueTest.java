package io.ssosync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssosync.sync.domain.CommandQueue.Queued;
import io.ssosync.sync.domain.CommandQueue.Turn;

class CommandQueueTest {

    @Test
    void aLoneCommandRuns() {
        assertEquals(new Turn.Run(1, List.of()), CommandQueue.next(List.of(pending(1)), 1));
    }

    @Test
    void commandsWaitingBehindTheHeadAreFoldedIntoTheNewest() {
        assertEquals(new Turn.Run(3, List.of(1L, 2L)),
                CommandQueue.next(List.of(pending(1), pending(2), pending(3)), 1));
    }

    @Test
    void aHeadWhoseLeaseRanOutIsFoldedToo() {
        assertEquals(new Turn.Run(2, List.of(1L)),
                CommandQueue.next(List.of(new Queued(1, CommandStatus.IN_FLIGHT), pending(2)), 1));
    }

    @Test
    void aParkedHeadBlocksItsConnection() {
        assertInstanceOf(Turn.Blocked.class,
                CommandQueue.next(List.of(new Queued(1, CommandStatus.DEAD), pending(2)), 1));
    }

    @Test
    void onlyTheOldestOpenCommandMayRun() {
        assertInstanceOf(Turn.Blocked.class, CommandQueue.next(List.of(pending(1), pending(2)), 2));
        assertInstanceOf(Turn.Blocked.class, CommandQueue.next(List.of(), 2));
    }

    private static Queued pending(long id) {
        return new Queued(id, CommandStatus.PENDING);
    }
}
