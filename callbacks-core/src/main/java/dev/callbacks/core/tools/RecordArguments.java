package dev.callbacks.core.tools;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Converts a tool's argument map into the record that describes its arguments, with messages that
 * name the tool, the argument and the expected type when a value does not fit.
 */
final class RecordArguments {

    private RecordArguments() {
    }

    static <R extends Record> R convert(String tool, Map<String, ?> args, Class<R> type) {
        return type.cast(toRecord(tool, "", args, type));
    }

    private static Object toRecord(String tool, String path, Map<?, ?> args, Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String name = path + component.getName();
            parameterTypes[i] = component.getType();
            Object raw = args.get(component.getName());
            if (component.getType() == Optional.class) {
                values[i] = (raw == null) ? Optional.empty()
                        : Optional.of(value(tool, name, raw, ToolSchema.typeArgument(component.getGenericType(), 0)));
                continue;
            }
            if (raw == null) {
                boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
                if (component.getType().isPrimitive() || !nullable) {
                    throw new IllegalArgumentException("Tool '" + tool + "' is missing argument '" + name + "' ("
                            + component.getType().getSimpleName() + ") required by " + type.getSimpleName()
                            + "; it got " + args.keySet() + ". Pass it in the arguments map.");
                }
                values[i] = null;
                continue;
            }
            values[i] = value(tool, name, raw, component.getGenericType());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        }
        catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            throw new IllegalArgumentException("Tool '" + tool + "' could not build " + type.getSimpleName() + " from "
                    + args + ": " + ((cause != null) ? cause.getMessage() : ex.getMessage()), cause);
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            throw new IllegalStateException("Tool '" + tool + "' cannot call the canonical constructor of "
                    + type.getName() + "; make the record accessible", ex);
        }
    }

    private static Object value(String tool, String name, Object raw, Type target) {
        Type type = (target instanceof WildcardType wildcard) ? wildcard.getUpperBounds()[0] : target;
        Class<?> cls = ToolSchema.rawType(type);
        if (cls == null || cls == Object.class) {
            return raw;
        }
        if (cls == String.class || cls == CharSequence.class) {
            if (raw instanceof CharSequence text) {
                return text.toString();
            }
            throw mismatch(tool, name, "a string", raw);
        }
        if (cls == char.class || cls == Character.class) {
            if (raw instanceof CharSequence text && text.length() == 1) {
                return text.charAt(0);
            }
            throw mismatch(tool, name, "a single character", raw);
        }
        if (cls.isEnum()) {
            return enumValue(tool, name, raw, cls);
        }
        if (cls == boolean.class || cls == Boolean.class) {
            if (raw instanceof Boolean flag) {
                return flag;
            }
            throw mismatch(tool, name, "a boolean", raw);
        }
        if (cls.isPrimitive() || Number.class.isAssignableFrom(cls)) {
            return number(tool, name, raw, cls);
        }
        if (cls.isRecord()) {
            if (raw instanceof Map<?, ?> map) {
                return toRecord(tool, name + ".", map, cls);
            }
            throw mismatch(tool, name, "an object", raw);
        }
        if (Map.class.isAssignableFrom(cls)) {
            if (!(raw instanceof Map<?, ?> map)) {
                throw mismatch(tool, name, "an object", raw);
            }
            Type valueType = ToolSchema.typeArgument(type, 1);
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((key, value) -> converted.put(String.valueOf(key),
                    (value == null) ? null : value(tool, name + "." + key, value, valueType)));
            return converted;
        }
        if (Collection.class.isAssignableFrom(cls) || cls.isArray()) {
            List<?> items = items(raw);
            if (items == null) {
                throw mismatch(tool, name, "an array", raw);
            }
            Type elementType = cls.isArray() ? cls.getComponentType() : ToolSchema.typeArgument(type, 0);
            List<Object> converted = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                converted.add((item == null) ? null : value(tool, name + "[" + i + "]", item, elementType));
            }
            if (cls.isArray()) {
                Object array = Array.newInstance(cls.getComponentType(), converted.size());
                for (int i = 0; i < converted.size(); i++) {
                    Array.set(array, i, converted.get(i));
                }
                return array;
            }
            return Set.class.isAssignableFrom(cls) ? new LinkedHashSet<>(converted) : converted;
        }
        if (cls.isInstance(raw)) {
            return raw;
        }
        throw mismatch(tool, name, "a " + cls.getSimpleName(), raw);
    }

    private static @Nullable List<?> items(Object raw) {
        if (raw instanceof List<?> list) {
            return list;
        }
        if (raw instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (raw.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(raw); i++) {
                list.add(Array.get(raw, i));
            }
            return list;
        }
        return null;
    }

    private static Object number(String tool, String name, Object raw, Class<?> cls) {
        if (!(raw instanceof Number number)) {
            throw mismatch(tool, name, "a number", raw);
        }
        if (cls == double.class || cls == Double.class) {
            return number.doubleValue();
        }
        if (cls == float.class || cls == Float.class) {
            return number.floatValue();
        }
        if (cls == BigDecimal.class || cls == Number.class) {
            return (raw instanceof BigDecimal decimal) ? decimal : new BigDecimal(number.toString());
        }
        if (!ToolSchema.isIntegral(number)) {
            throw mismatch(tool, name, "an integer", raw);
        }
        BigInteger integer = (number instanceof BigInteger big) ? big
                : (number instanceof BigDecimal decimal) ? decimal.toBigIntegerExact()
                : (number instanceof Double || number instanceof Float)
                        ? BigDecimal.valueOf(number.doubleValue()).toBigInteger()
                : BigInteger.valueOf(number.longValue());
        if (cls == BigInteger.class) {
            return integer;
        }
        try {
            if (cls == long.class || cls == Long.class) {
                return integer.longValueExact();
            }
            if (cls == int.class || cls == Integer.class) {
                return integer.intValueExact();
            }
            if (cls == short.class || cls == Short.class) {
                return integer.shortValueExact();
            }
            if (cls == byte.class || cls == Byte.class) {
                return integer.byteValueExact();
            }
        }
        catch (ArithmeticException ex) {
            throw mismatch(tool, name, "a " + cls.getSimpleName() + " in range", raw);
        }
        throw mismatch(tool, name, "a " + cls.getSimpleName(), raw);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Object enumValue(String tool, String name, Object raw, Class<?> cls) {
        if (cls.isInstance(raw)) {
            return raw;
        }
        if (raw instanceof CharSequence text) {
            for (Object constant : cls.getEnumConstants()) {
                if (((Enum) constant).name().equalsIgnoreCase(text.toString())) {
                    return constant;
                }
            }
        }
        throw mismatch(tool, name, "one of " + List.of(cls.getEnumConstants()), raw);
    }

    private static IllegalArgumentException mismatch(String tool, String name, String expected, Object raw) {
        return new IllegalArgumentException("Tool '" + tool + "' argument '" + name + "' must be " + expected + ", got "
                + raw.getClass().getSimpleName() + " " + raw);
    }
}
