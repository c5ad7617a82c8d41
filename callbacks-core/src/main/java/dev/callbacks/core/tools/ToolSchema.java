package dev.callbacks.core.tools;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The arguments a tool takes: names, JSON types, descriptions and which are required (upstream's
 * {@code args_schema}). Built from a record class ({@link #of(Class)}), from a JSON schema map
 * ({@link #fromJsonSchema(Map)}) or field by field ({@link #of(List)}); rendered back with
 * {@link #toJsonSchema()} for models that bind tools.
 *
 * <p>An {@linkplain #empty() empty} schema declares nothing and accepts any arguments.
 *
 * @param fields the arguments, in order
 */
public record ToolSchema(List<Field> fields) {

    private static final ToolSchema EMPTY = new ToolSchema(List.of());

    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object", "any");

    /** Validates the fields (unique names) and copies them. */
    public ToolSchema {
        fields = List.copyOf(Objects.requireNonNull(fields, "fields must not be null"));
        Set<String> names = new HashSet<>();
        for (Field field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("duplicate tool argument '" + field.name() + "'");
            }
        }
    }

    /**
     * One argument.
     *
     * @param name the argument name
     * @param type its JSON type: {@code string}, {@code integer}, {@code number}, {@code boolean},
     *     {@code array}, {@code object}, or {@code any}
     * @param description what the argument means, for the model; may be empty
     * @param required whether a call must provide it
     */
    public record Field(String name, String type, String description, boolean required) {

        /** Validates the components. */
        public Field {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a tool argument needs a non-blank name");
            }
            Objects.requireNonNull(type, "type must not be null");
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("tool argument '" + name + "' has unknown type '" + type
                        + "'; use one of " + new java.util.TreeSet<>(TYPES));
            }
            Objects.requireNonNull(description, "description must not be null; use \"\"");
        }

        /** Returns a required argument. */
        public static Field required(String name, String type, String description) {
            return new Field(name, type, description, true);
        }

        /** Returns an optional argument. */
        public static Field optional(String name, String type, String description) {
            return new Field(name, type, description, false);
        }
    }

    /** Returns the schema that declares nothing and accepts any arguments. */
    public static ToolSchema empty() {
        return EMPTY;
    }

    /** Returns a schema of these fields. */
    public static ToolSchema of(List<Field> fields) {
        return new ToolSchema(fields);
    }

    /**
     * Derives the schema of a record: one argument per component, typed after the component's Java
     * type, described by its {@link ToolParam}, required unless it is an {@link Optional} or
     * annotated {@code @Nullable}.
     * @param type the record class
     * @return the schema
     * @throws IllegalArgumentException if a component's type cannot be a tool argument
     */
    public static ToolSchema of(Class<? extends Record> type) {
        Objects.requireNonNull(type, "type must not be null");
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName()
                    + " is not a record; describe the arguments with a record");
        }
        List<Field> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Type generic = component.getGenericType();
            boolean optional = component.getType() == Optional.class;
            if (optional) {
                generic = typeArgument(generic, 0);
            }
            String jsonType = jsonType(generic);
            if (jsonType == null) {
                throw new IllegalArgumentException("record " + type.getName() + " component '" + component.getName()
                        + "' has type " + component.getGenericType().getTypeName()
                        + ", which a tool argument cannot hold;"
                        + " use strings, numbers, booleans, enums, lists, maps, records or Optional of those");
            }
            ToolParam param = component.getAnnotation(ToolParam.class);
            boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
            boolean required = !optional && (component.getType().isPrimitive() || !nullable);
            fields.add(new Field(component.getName(), jsonType, (param != null) ? param.value() : "", required));
        }
        return new ToolSchema(fields);
    }

    /**
     * Reads a JSON schema of an object: {@code {"type": "object", "properties": {"place":
     * {"type": "string", "description": "..."}}, "required": ["place"]}}. Properties without a
     * {@code type} are typed {@code any}.
     * @param jsonSchema the schema
     * @return the tool schema
     * @throws IllegalArgumentException if the map is not such a schema
     */
    public static ToolSchema fromJsonSchema(Map<String, ?> jsonSchema) {
        Objects.requireNonNull(jsonSchema, "jsonSchema must not be null");
        Object properties = jsonSchema.containsKey("properties") ? jsonSchema.get("properties") : Map.of();
        if (!(properties instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a tool's JSON schema needs \"properties\" to be an object, got "
                    + properties);
        }
        Object required = jsonSchema.containsKey("required") ? jsonSchema.get("required") : List.of();
        if (!(required instanceof Collection<?> requiredNames)) {
            throw new IllegalArgumentException("a tool's JSON schema needs \"required\" to be an array, got "
                    + required);
        }
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> property)) {
                throw new IllegalArgumentException("property '" + name + "' of a tool's JSON schema must be an object,"
                        + " got " + entry.getValue());
            }
            Object type = property.get("type");
            Object description = property.get("description");
            fields.add(new Field(name, (type == null) ? "any" : String.valueOf(type),
                    (description == null) ? "" : String.valueOf(description), requiredNames.contains(name)));
        }
        return new ToolSchema(fields);
    }

    /** Whether this schema declares no arguments. */
    public boolean isEmpty() {
        return this.fields.isEmpty();
    }

    /** Renders the schema as a JSON schema map (the form models take in tool definitions). */
    public Map<String, Object> toJsonSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Field field : this.fields) {
            Map<String, Object> property = new LinkedHashMap<>();
            if (!field.type().equals("any")) {
                property.put("type", field.type());
            }
            if (!field.description().isEmpty()) {
                property.put("description", field.description());
            }
            properties.put(field.name(), property);
            if (field.required()) {
                required.add(field.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }

    /**
     * Checks arguments against the schema: every required argument present (not null), every
     * given argument of its declared type.
     * @param tool the tool's name, for messages
     * @param args the arguments
     * @return the declared arguments in schema order, or all arguments when the schema is empty
     * @throws IllegalArgumentException naming the missing or mistyped argument
     */
    public Map<String, Object> validate(String tool, Map<String, ?> args) {
        Objects.requireNonNull(args, "args must not be null");
        if (this.fields.isEmpty()) {
            return new LinkedHashMap<>(args);
        }
        Map<String, Object> validated = new LinkedHashMap<>();
        for (Field field : this.fields) {
            Object value = args.get(field.name());
            if (value == null) {
                if (field.required()) {
                    throw new IllegalArgumentException("Tool '" + tool + "' is missing required argument '"
                            + field.name() + "' (" + field.type()
                            + (field.description().isEmpty() ? "" : ": " + field.description())
                            + "); it got " + args.keySet() + ". Pass it in the arguments map.");
                }
                continue;
            }
            if (!hasType(value, field.type())) {
                throw new IllegalArgumentException("Tool '" + tool + "' argument '" + field.name() + "' must be "
                        + article(field.type()) + " " + field.type() + ", got " + value.getClass().getSimpleName() + " "
                        + value);
            }
            validated.put(field.name(), value);
        }
        return validated;
    }

    private static String article(String type) {
        return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o")) ? "an" : "a";
    }

    static boolean hasType(Object value, String type) {
        return switch (type) {
            case "string" -> value instanceof CharSequence || value instanceof Enum<?> || value instanceof Character;
            case "integer" -> isIntegral(value);
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof Collection<?> || value.getClass().isArray();
            case "object" -> value instanceof Map<?, ?> || value instanceof Record;
            default -> true;
        };
    }

    static boolean isIntegral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return true;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) && number == Math.rint(number);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().scale() <= 0;
        }
        return false;
    }

    /** Returns the JSON type of a Java type, or {@code null} when a tool argument cannot hold it. */
    static @Nullable String jsonType(Type type) {
        Class<?> raw = rawType(type);
        if (raw == null) {
            return null;
        }
        if (raw == String.class || CharSequence.class.isAssignableFrom(raw) || raw == char.class
                || raw == Character.class || raw.isEnum()) {
            return "string";
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == Integer.class
                || raw == Long.class || raw == Short.class || raw == Byte.class || raw == BigInteger.class) {
            return "integer";
        }
        if (raw == double.class || raw == float.class || Number.class.isAssignableFrom(raw)) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (List.class.isAssignableFrom(raw) || raw == Collection.class || Set.class.isAssignableFrom(raw)
                || raw.isArray()) {
            return "array";
        }
        if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
            return "object";
        }
        if (raw == Object.class) {
            return "any";
        }
        return null;
    }

    static @Nullable Class<?> rawType(Type type) {
        if (type instanceof Class<?> cls) {
            return cls;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> cls) {
            return cls;
        }
        return null;
    }

    static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
            return parameterized.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
