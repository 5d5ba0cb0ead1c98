package io.ssosync.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A digest of what an event means (type, subject and data, whatever the key order), so that a redelivery can be told
 * from an id reused for other content. The raw bytes would not do: the same event differs byte for byte between the
 * two Kafka bindings, and in key order or spacing.
 */
public final class EventDigest {

    /** Marks digests of the current form; a stored digest without it is of the {@link #earlier} form. */
    static final String PREFIX = "v2:";

    // Sorted as it is written, at every level: no sorted copy of the tree (a copy was a twelfth of intake's CPU).
    private static final ObjectMapper EARLIER_JSON = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private EventDigest() {
    }

    /**
     * SHA-256, hex, of the content in a plain tagged form (each value's kind, each text's length and UTF-8 bytes,
     * each object's keys sorted): writing it as JSON escaped every character of an IdP certificate again, and took
     * a third of the time a record's reading took.
     */
    public static String of(CloudEvent event) {
        Canonical content = new Canonical(sha256());
        content.tag('o').length(3);
        content.text("data").value(event.data());
        content.text("subject");
        if (event.subject() == null) {
            content.tag('z');
        } else {
            content.tag('s').text(event.subject());
        }
        content.text("type").tag('s').text(event.type());
        return PREFIX + HexFormat.of().formatHex(content.digest());
    }

    /** The digest as versions before 2026-12-07 stored it: SHA-256, hex, of the content as JSON with sorted keys. */
    public static String earlier(CloudEvent event) {
        ObjectNode content = EARLIER_JSON.createObjectNode();
        content.put("type", event.type());
        content.put("subject", event.subject());
        content.set("data", event.data());
        try {
            return sha256(EARLIER_JSON.writeValueAsBytes(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot digest event " + event.id(), e);
        }
    }

    private static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /**
     * The tagged form: a kind byte before every value, a length before every text and every container. Hashed as it
     * is written, through a small buffer of its own (ByteArrayOutputStream takes a lock for every byte; a buffer of
     * the whole form was a tenth of what intake allocated).
     */
    private static final class Canonical {

        private final MessageDigest digest;
        private final byte[] buffer = new byte[256];
        private int size;

        Canonical(MessageDigest digest) {
            this.digest = digest;
        }

        byte[] digest() {
            flush();
            return digest.digest();
        }

        Canonical value(JsonNode node) {
            switch (node.getNodeType()) {
                case OBJECT -> {
                    List<String> names = new ArrayList<>(node.size());
                    node.fieldNames().forEachRemaining(names::add);
                    Collections.sort(names);
                    tag('o').length(names.size());
                    for (String name : names) {
                        text(name).value(node.get(name));
                    }
                }
                case ARRAY -> {
                    tag('a').length(node.size());
                    for (JsonNode element : node) {
                        value(element);
                    }
                }
                case NUMBER -> tag('n').text(node.asText());
                case BOOLEAN -> tag(node.booleanValue() ? 't' : 'f');
                case NULL, MISSING -> tag('z');
                // Text, and nothing else that parsing JSON gives.
                default -> tag('s').text(node.asText());
            }
            return this;
        }

        Canonical tag(char kind) {
            room(1);
            buffer[size++] = (byte) kind;
            return this;
        }

        Canonical text(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            length(utf8.length);
            if (utf8.length > buffer.length) {
                flush();
                digest.update(utf8);
            } else {
                room(utf8.length);
                System.arraycopy(utf8, 0, buffer, size, utf8.length);
                size += utf8.length;
            }
            return this;
        }

        Canonical length(int length) {
            room(4);
            buffer[size++] = (byte) (length >>> 24);
            buffer[size++] = (byte) (length >>> 16);
            buffer[size++] = (byte) (length >>> 8);
            buffer[size++] = (byte) length;
            return this;
        }

        private void room(int more) {
            if (size + more > buffer.length) {
                flush();
            }
        }

        private void flush() {
            digest.update(buffer, 0, size);
            size = 0;
        }
    }
}
