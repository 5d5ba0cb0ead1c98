package io.ssosync.reconcile;

/** Clerk's list could not be read (quota exhausted past the deadline, Clerk down, key rejected). */
public class ReconcileUnavailableException extends RuntimeException {

    public ReconcileUnavailableException(String reason) {
        super(reason);
    }
}
