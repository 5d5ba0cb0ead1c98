package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The simulator's state: connections of both flavours, in creation order. One lock guards everything because
 * a domain must be unique across all connections of an instance, which is a check-then-act over the whole map.
 * Stored trees never leave this class uncopied.
 */
final class ConnectionStore {

    record Entry(String id, Flavour flavour, ObjectNode data) {
    }

    private final Map<String, Entry> connections = new LinkedHashMap<>();

    synchronized Entry insert(Flavour flavour, ObjectNode data) {
        String id = data.get("id").asText();
        requireDomainsFree(data, id);
        Entry entry = new Entry(id, flavour, data.deepCopy());
        connections.put(id, entry);
        return copy(entry);
    }

    /** Applies {@code change} to a copy of the stored data and keeps the result if its domains are still free. */
    synchronized Entry update(Flavour flavour, String id, UnaryOperator<ObjectNode> change) {
        Entry current = find(flavour, id).orElseThrow(ClerkErrors::notFound);
        ObjectNode changed = change.apply(current.data().deepCopy());
        requireDomainsFree(changed, id);
        Entry entry = new Entry(id, flavour, changed);
        connections.put(id, entry);
        return copy(entry);
    }

    synchronized Entry remove(Flavour flavour, String id) {
        Entry entry = find(flavour, id).orElseThrow(ClerkErrors::notFound);
        connections.remove(id);
        return entry;
    }

    synchronized Optional<Entry> get(Flavour flavour, String id) {
        return find(flavour, id).map(ConnectionStore::copy);
    }

    synchronized Optional<Entry> get(String id) {
        return Optional.ofNullable(connections.get(id)).map(ConnectionStore::copy);
    }

    /** Newest first, which is the order Clerk documents for its lists. */
    synchronized List<Entry> all(Flavour flavour) {
        List<Entry> result = new ArrayList<>();
        for (Entry entry : connections.values()) {
            if (flavour == null || entry.flavour() == flavour) {
                result.add(copy(entry));
            }
        }
        Collections.reverse(result);
        return result;
    }

    synchronized void clear() {
        connections.clear();
    }

    private Optional<Entry> find(Flavour flavour, String id) {
        Entry entry = connections.get(id);
        return entry != null && entry.flavour() == flavour ? Optional.of(entry) : Optional.empty();
    }

    private void requireDomainsFree(ObjectNode data, String ownId) {
        for (JsonNode domain : data.path("domains")) {
            for (Entry other : connections.values()) {
                if (!other.id().equals(ownId) && containsText(other.data().path("domains"), domain.asText())) {
                    throw ClerkErrors.domainTaken(domain.asText());
                }
            }
        }
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (element.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static Entry copy(Entry entry) {
        return new Entry(entry.id(), entry.flavour(), entry.data().deepCopy());
    }
}
