package io.ssosync.crypto;

/** A stored value that cannot be opened: its key is gone, or it was altered. Never carries the value. */
public class SealedValueException extends RuntimeException {

    public SealedValueException(String message) {
        super(message);
    }
}
