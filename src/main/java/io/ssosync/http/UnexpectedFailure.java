package io.ssosync.http;

import java.util.UUID;

import org.jboss.logging.Logger;

/**
 * A 500: the exception is logged here with an id, and the client gets only that id, so that an operator can
 * find the stack trace without the answer leaking anything of it.
 */
final class UnexpectedFailure {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailure.class);

    private UnexpectedFailure() {
    }

    static Problem logged(String method, String path, Throwable failure) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(failure, "unexpected failure %s on %s %s", id, method, path);
        return Problem.of(500, "an unexpected error occurred; the server log has it under this id")
                .with("instance", "urn:uuid:" + id);
    }
}
