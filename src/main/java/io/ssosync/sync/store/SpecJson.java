package io.ssosync.sync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.sync.domain.ConnectionSpec;
import jakarta.enterprise.context.ApplicationScoped;

/** Stores specs as JSON in their contract's own (camelCase) shape. */
@ApplicationScoped
public class SpecJson {

    private final ObjectMapper mapper;

    public SpecJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(ConnectionSpec spec) {
        if (spec == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise connection spec", e);
        }
    }

    public ConnectionSpec read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, ConnectionSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connection spec is unreadable", e);
        }
    }
}
