package io.ssosync.sync.domain;

public enum Operation {
    CREATE, UPDATE, DELETE
}
