package dev.callbacks.core.stream.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One JSON Patch operation (RFC 6902) of a {@link RunLogPatch}: {@code add}, {@code replace} or
 * {@code remove}, at a JSON Pointer (RFC 6901) {@code path}, with a {@code value} (none for
 * {@code remove}). Values are plain Java values: maps, lists, strings, numbers, booleans,
 * {@code null}, and the objects runs produce (messages, documents), which JSON writers render.
 *
 * @param op the operation: {@code add}, {@code replace} or {@code remove}
 * @param path where it applies, e.g. {@code /logs/RunnableLambda/final_output}; {@code ""} is the
 *     whole document
 * @param value the value added or put in place; {@code null} for {@code remove}
 */
public record JsonPatchOp(String op, String path, @Nullable Object value) {

    /** Validates the operation and the path. */
    public JsonPatchOp {
        Objects.requireNonNull(op, "op must not be null");
        Objects.requireNonNull(path, "path must not be null");
        if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
            throw new IllegalArgumentException("op must be add, replace or remove, was '" + op + "'");
        }
        if (!path.isEmpty() && path.charAt(0) != '/') {
            throw new IllegalArgumentException("path must be empty or start with '/' (a JSON Pointer), was '" + path
                    + "'");
        }
    }

    /** Returns an {@code add} operation. */
    public static JsonPatchOp add(String path, @Nullable Object value) {
        return new JsonPatchOp("add", path, value);
    }

    /** Returns a {@code replace} operation. */
    public static JsonPatchOp replace(String path, @Nullable Object value) {
        return new JsonPatchOp("replace", path, value);
    }

    /** Returns a {@code remove} operation. */
    public static JsonPatchOp remove(String path) {
        return new JsonPatchOp("remove", path, null);
    }

    /** Returns the operation as a JSON Patch object: {@code op}, {@code path} and, unless removing, {@code value}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(4);
        map.put("op", this.op);
        map.put("path", this.path);
        if (!this.op.equals("remove")) {
            map.put("value", this.value);
        }
        return map;
    }

    /** Escapes one reference token of a JSON Pointer ({@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
    public static String escape(String token) {
        Objects.requireNonNull(token, "token must not be null");
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }
}
