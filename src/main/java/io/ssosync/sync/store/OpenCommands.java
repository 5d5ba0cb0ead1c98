package io.ssosync.sync.store;

/**
 * A count of the commands waiting to be sent, and the highest command id when it was taken. New commands take ids
 * above every earlier one, so the ids added since bound how far the outbox can have grown by inserts; a command made
 * open again (retried or resumed by an operator) is not among them, and is seen at the next count.
 */
public record OpenCommands(long count, long highestId) {

    /** Whether the commands added up to {@code highestIdNow} could have taken the outbox past {@code bound}. */
    public boolean mayExceed(long highestIdNow, long bound) {
        return count + Math.max(0, highestIdNow - highestId) > bound;
    }
}
