package dev.callbacks.core.stream.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Applies JSON Patch operations to a tree of mutable maps and lists, and computes the patch
 * between two values, for the run log. Values put into the tree are copied container by
 * container, so a value shared by two operations (a chunk in {@code streamed_output} and in
 * {@code final_output}) is never changed through the other.
 */
final class JsonPatches {

    private JsonPatches() {
    }

    /**
     * Applies one operation.
     * @param root the document (may be {@code null} before the first {@code replace ""})
     * @return the new document (a different object only for operations on {@code ""})
     * @throws IllegalArgumentException when the path does not fit the document
     */
    @SuppressWarnings("unchecked")
    static @Nullable Object apply(@Nullable Object root, JsonPatchOp op) {
        List<String> tokens = parse(op.path());
        if (tokens.isEmpty()) {
            return op.op().equals("remove") ? null : mutableCopy(op.value());
        }
        Object parent = root;
        for (int i = 0; i < tokens.size() - 1; i++) {
            parent = child(parent, tokens.get(i), op);
        }
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            Map<String, Object> object = (Map<String, Object>) map;
            switch (op.op()) {
                case "add" -> object.put(last, mutableCopy(op.value()));
                case "replace" -> {
                    if (!object.containsKey(last)) {
                        throw bad(op, "there is no member '" + last + "' to replace");
                    }
                    object.put(last, mutableCopy(op.value()));
                }
                default -> {
                    if (!object.containsKey(last)) {
                        throw bad(op, "there is no member '" + last + "' to remove");
                    }
                    object.remove(last);
                }
            }
            return root;
        }
        if (parent instanceof List<?> list) {
            List<Object> array = (List<Object>) list;
            if (op.op().equals("add") && last.equals("-")) {
                array.add(mutableCopy(op.value()));
                return root;
            }
            int index = index(last, op);
            switch (op.op()) {
                case "add" -> {
                    if (index > array.size()) {
                        throw bad(op, "index " + index + " is beyond the end of the array");
                    }
                    array.add(index, mutableCopy(op.value()));
                }
                case "replace" -> {
                    if (index >= array.size()) {
                        throw bad(op, "there is no element " + index + " to replace");
                    }
                    array.set(index, mutableCopy(op.value()));
                }
                default -> {
                    if (index >= array.size()) {
                        throw bad(op, "there is no element " + index + " to remove");
                    }
                    array.remove(index);
                }
            }
            return root;
        }
        throw bad(op, "the parent of the target is not an object or an array");
    }

    private static @Nullable Object child(@Nullable Object node, String token, JsonPatchOp op) {
        if (node instanceof Map<?, ?> map) {
            if (!map.containsKey(token)) {
                throw bad(op, "there is no member '" + token + "'");
            }
            return map.get(token);
        }
        if (node instanceof List<?> list) {
            int index = index(token, op);
            if (index >= list.size()) {
                throw bad(op, "there is no element " + index);
            }
            return list.get(index);
        }
        throw bad(op, "'" + token + "' does not name a member or an element");
    }

    private static int index(String token, JsonPatchOp op) {
        try {
            int index = Integer.parseInt(token);
            if (index < 0) {
                throw bad(op, "negative index " + token);
            }
            return index;
        }
        catch (NumberFormatException ex) {
            throw bad(op, "'" + token + "' is not an array index");
        }
    }

    static List<String> parse(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = pointer.indexOf('/', start);
            String raw = (slash < 0) ? pointer.substring(start) : pointer.substring(start, slash);
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
            if (slash < 0) {
                return tokens;
            }
            start = slash + 1;
        }
    }

    private static IllegalArgumentException bad(JsonPatchOp op, String problem) {
        return new IllegalArgumentException("cannot apply " + op.op() + " at '" + op.path() + "': " + problem);
    }

    /** Copies maps and lists (recursively) into mutable ones; other values are shared. */
    @SuppressWarnings("unchecked")
    static @Nullable Object mutableCopy(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
            map.forEach((key, element) -> copy.put(String.valueOf(key), mutableCopy(element)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(mutableCopy(element));
            }
            return copy;
        }
        return value;
    }

    /**
     * Appends to {@code ops} the operations turning {@code before} into {@code after} under
     * {@code path}: maps member by member, a list that grew at its end by {@code add .../-},
     * anything else by one {@code replace}.
     */
    static void diff(@Nullable Object before, @Nullable Object after, String path, List<JsonPatchOp> ops) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> old && after instanceof Map<?, ?> now) {
            for (Object key : old.keySet()) {
                if (!now.containsKey(key)) {
                    ops.add(JsonPatchOp.remove(path + "/" + JsonPatchOp.escape(String.valueOf(key))));
                }
            }
            for (Map.Entry<?, ?> entry : now.entrySet()) {
                String member = path + "/" + JsonPatchOp.escape(String.valueOf(entry.getKey()));
                if (!old.containsKey(entry.getKey())) {
                    ops.add(JsonPatchOp.add(member, entry.getValue()));
                }
                else {
                    diff(old.get(entry.getKey()), entry.getValue(), member, ops);
                }
            }
            return;
        }
        if (before instanceof List<?> old && after instanceof List<?> now && now.size() >= old.size()
                && now.subList(0, old.size()).equals(old)) {
            for (Object element : now.subList(old.size(), now.size())) {
                ops.add(JsonPatchOp.add(path + "/-", element));
            }
            return;
        }
        ops.add(JsonPatchOp.replace(path, after));
    }
}
