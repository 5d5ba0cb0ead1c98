package io.ssosync.security;

import java.util.Set;

/**
 * The API's roles. {@code auditor} and {@code operator} can each do all that {@code viewer} can, and neither
 * implies the other: the endpoints list every role they admit rather than relying on a hierarchy.
 */
public final class Roles {

    /** Reads sync state and rejected events. */
    public static final String VIEWER = "viewer";
    /** Also reads the history of attempts and the audit exports. */
    public static final String AUDITOR = "auditor";
    /** Also changes state: retry, replay and the actions to come. */
    public static final String OPERATOR = "operator";

    public static final Set<String> ALL = Set.of(VIEWER, AUDITOR, OPERATOR);

    private Roles() {
    }
}
