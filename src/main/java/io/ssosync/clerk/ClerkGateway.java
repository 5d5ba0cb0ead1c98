package io.ssosync.clerk;

/** Clerk's Backend API as dispatch sees it: a request goes in, a classified outcome comes out. */
public interface ClerkGateway {

    ClerkOutcome send(ClerkRequest request);
}
