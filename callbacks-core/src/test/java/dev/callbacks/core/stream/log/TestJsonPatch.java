package dev.callbacks.core.stream.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately plain RFC 6902 applier (add, replace, remove over RFC 6901 pointers) for checking
 * run-log patches independently of the production code: it reads operations as the JSON objects
 * {@code {op, path, value}} and copies every value it stores, as a JSON document would.
 */
final class TestJsonPatch {

    private TestJsonPatch() {
    }

    static Object applyAll(List<Map<String, Object>> operations) {
        Object document = null;
        for (Map<String, Object> operation : operations) {
            document = apply(document, operation);
        }
        return document;
    }

    @SuppressWarnings("unchecked")
    static Object apply(Object document, Map<String, Object> operation) {
        String op = (String) operation.get("op");
        String path = (String) operation.get("path");
        Object value = copy(operation.get("value"));
        if (path.isEmpty()) {
            if (op.equals("remove")) {
                return null;
            }
            return value;
        }
        String[] tokens = path.substring(1).split("/", -1);
        Object target = document;
        for (int i = 0; i < tokens.length - 1; i++) {
            String token = unescape(tokens[i]);
            target = (target instanceof Map<?, ?> map) ? map.get(token)
                    : ((List<?>) target).get(Integer.parseInt(token));
            if (target == null) {
                throw new AssertionError("no parent for " + path);
            }
        }
        String last = unescape(tokens[tokens.length - 1]);
        if (target instanceof Map<?, ?> map) {
            Map<String, Object> object = (Map<String, Object>) map;
            if (!op.equals("add") && !object.containsKey(last)) {
                throw new AssertionError(op + " of a missing member: " + path);
            }
            if (op.equals("remove")) {
                object.remove(last);
            }
            else {
                object.put(last, value);
            }
        }
        else {
            List<Object> array = (List<Object>) target;
            if (op.equals("add")) {
                if (last.equals("-")) {
                    array.add(value);
                }
                else {
                    array.add(Integer.parseInt(last), value);
                }
            }
            else if (op.equals("replace")) {
                array.set(Integer.parseInt(last), value);
            }
            else {
                array.remove(Integer.parseInt(last));
            }
        }
        return document;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> copy.put((String) key, copy(element)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach((element) -> copy.add(copy(element)));
            return copy;
        }
        return value;
    }
}
