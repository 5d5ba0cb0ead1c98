package io.ssosync.ingest;

/** An event that breaks the contract. The message names the offending field. */
public class InvalidEventException extends RuntimeException {

    private final String field;

    public InvalidEventException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
