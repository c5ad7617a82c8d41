package dev.callbacks.core.langsmith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * The request bodies of the two ingestion endpoints: {@code multipart/form-data} for
 * {@code POST /runs/multipart} (a part per run and per large field, each with its content type and
 * length, as the SDKs write them) and {@code {"post": [...], "patch": [...]}} for the
 * {@code POST /runs/batch} fallback.
 */
final class IngestBodies {

    private IngestBodies() {
    }

    /** Returns a fresh multipart boundary. */
    static String boundary() {
        return "langsmith-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Writes the multipart body of a batch. */
    static byte[] multipart(List<RunOperation> batch, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(batch));
        for (RunOperation op : batch) {
            String prefix = op.kind() + "." + op.id;
            part(out, boundary, prefix, op.mainBytes);
            for (Map.Entry<String, byte[]> part : op.parts.entrySet()) {
                part(out, boundary, prefix + "." + part.getKey(), part.getValue());
            }
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, byte[] data) {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\nContent-Type: application/json; length=" + data.length + "\r\nContent-Length: "
                + data.length + "\r\n\r\n");
        out.writeBytes(data);
        write(out, "\r\n");
    }

    /** Writes the JSON body of {@code POST /runs/batch}: each run with its large fields inlined. */
    static byte[] batch(List<RunOperation> batch) {
        ObjectNode body = OperationWriter.MAPPER.createObjectNode();
        for (boolean post : new boolean[] { true, false }) {
            ArrayNode operations = body.putArray(post ? "post" : "patch");
            for (RunOperation op : batch) {
                if (op.post == post) {
                    ObjectNode run = operations.addObject();
                    run.setAll(op.main);
                    // The parts are already JSON, written by the mapping: embedded as they are.
                    op.parts.forEach((name, json) -> run.putRawValue(name,
                            new RawValue(new String(json, StandardCharsets.UTF_8))));
                }
            }
        }
        return OperationWriter.MAPPER.writeValueAsBytes(body);
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("gzip of an in-memory buffer failed", ex);
        }
        return out.toByteArray();
    }

    private static int estimate(List<RunOperation> batch) {
        long total = 64;
        for (RunOperation op : batch) {
            total += op.bytes();
        }
        return (int) Math.min(total, Integer.MAX_VALUE - 8);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
