package io.ssosync.clerk;

/** Clerk's answer as it came off the wire, before {@link ClerkAnswers} classifies it. */
record RawAnswer(int status, String body, String retryAfter) {
}
