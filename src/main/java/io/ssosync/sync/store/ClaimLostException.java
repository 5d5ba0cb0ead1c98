package io.ssosync.sync.store;

/**
 * The claim on a command is no longer ours: its lease ran out and another worker took the command
 * over (or finished it). The worker stops at once, without writing or calling Clerk again.
 */
public class ClaimLostException extends RuntimeException {

    public ClaimLostException(long commandId, long claimToken) {
        super("claim " + claimToken + " on command " + commandId + " was taken over", null, false, false);
    }
}
