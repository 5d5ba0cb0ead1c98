package io.ssosync.config;

/** A setting that is missing or wrong; the message names the environment variable to fix. */
public class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
