package dev.callbacks.core.prompts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.internal.Checks;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableCallbacks;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.SystemMessage;
import org.jspecify.annotations.Nullable;

/**
 * A chat prompt made of message templates with {@code {variable}} placeholders (upstream's
 * {@code ChatPromptTemplate}); invoked with a map of variables it produces a {@link PromptValue}
 * and reports a {@code prompt} run.
 *
 * <p>Placeholders are written as in Python f-strings: {@code {name}} is replaced by the
 * variable's value ({@link String#valueOf}), <code>{{</code> and <code>}}</code> are literal braces. A
 * {@linkplain Builder#placeholder(String) messages placeholder} inserts a {@code List<BaseMessage>}
 * variable. A variable missing from the input fails the call (and the run) with an
 * {@link IllegalArgumentException} naming it. Immutable and thread-safe.
 *
 * <pre>{@code
 * ChatPromptTemplate prompt = ChatPromptTemplate.builder()
 *         .system("You are a helpful assistant")
 *         .human("List the items in {place}")
 *         .build();
 * PromptValue value = prompt.invoke(Map.of("place", "the shelf"));
 * }</pre>
 */
public final class ChatPromptTemplate implements Runnable<Map<String, Object>, PromptValue> {

    private static final Serialized SERIALIZED = Serialized.of(ChatPromptTemplate.class);

    private final List<Part> parts;

    private final Set<String> inputVariables;

    private final String name;

    private ChatPromptTemplate(List<Part> parts, String name) {
        this.parts = List.copyOf(parts);
        this.name = name;
        TreeSet<String> variables = new TreeSet<>();
        for (Part part : parts) {
            variables.addAll(part.variables());
        }
        this.inputVariables = Collections.unmodifiableSet(variables);
    }

    /**
     * Returns a prompt of one human message.
     * @param template the message template, e.g. {@code "Tell me a joke about {topic}"}
     * @return the prompt
     * @throws IllegalArgumentException if the template has an unbalanced brace
     */
    public static ChatPromptTemplate fromTemplate(String template) {
        return builder().human(template).build();
    }

    /** Returns a builder; add messages in order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the names of the variables the prompt needs, sorted. */
    public Set<String> inputVariables() {
        return this.inputVariables;
    }

    @Override
    public String getName() {
        return this.name;
    }

    /**
     * Formats the prompt without reporting a run.
     * @param variables the values of the variables; extra entries are ignored
     * @return the prompt value
     * @throws IllegalArgumentException if a variable is missing or a placeholder's value is not a
     *     list of messages
     */
    public PromptValue format(Map<String, ?> variables) {
        Objects.requireNonNull(variables, "variables must not be null");
        List<String> missing = new ArrayList<>();
        for (String variable : this.inputVariables) {
            if (variables.get(variable) == null) {
                missing.add(variable);
            }
        }
        if (!missing.isEmpty()) {
            String names = missing.stream().map((v) -> "'" + v + "'").collect(Collectors.joining(", "));
            throw new IllegalArgumentException(this.name + " is missing variable" + (missing.size() > 1 ? "s " : " ")
                    + names + ": expected " + this.inputVariables + ", received " + new TreeSet<>(variables.keySet())
                    + ". Add " + (missing.size() > 1 ? "them" : "it") + " to the input map.");
        }
        List<BaseMessage> messages = new ArrayList<>();
        for (Part part : this.parts) {
            part.appendTo(messages, variables, this.name);
        }
        return new PromptValue(messages);
    }

    /** Formats the prompt as a {@code prompt} run whose input is the variables and output the prompt value. */
    @Override
    public PromptValue invoke(Map<String, Object> input, @Nullable RunnableConfig config) {
        Objects.requireNonNull(input, () -> this.name + " takes a map of variables, got null");
        return RunnableCallbacks.callWithConfig(this, input, config, RunType.PROMPT, SERIALIZED,
                (variables, child, run) -> format(variables));
    }

    @Override
    public String toString() {
        return this.name + this.parts;
    }

    /** One message template or placeholder. */
    private interface Part {

        List<String> variables();

        void appendTo(List<BaseMessage> messages, Map<String, ?> variables, String prompt);
    }

    /**
     * A message template, parsed into alternating literal text and variable names (even indexes
     * are literals, odd ones variables).
     */
    private record MessageTemplate(String role, String template, List<String> segments) implements Part {

        static MessageTemplate parse(String role, String template) {
            Objects.requireNonNull(template, "template must not be null");
            List<String> segments = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            int i = 0;
            while (i < template.length()) {
                char c = template.charAt(i);
                if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                    literal.append('{');
                    i += 2;
                }
                else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                    literal.append('}');
                    i += 2;
                }
                else if (c == '{') {
                    int close = template.indexOf('}', i + 1);
                    int nested = template.indexOf('{', i + 1);
                    if (close < 0 || (nested >= 0 && nested < close)) {
                        throw new IllegalArgumentException("unclosed '{' at index " + i + " of the " + role
                                + " template \"" + template + "\"; write '{{' for a literal brace");
                    }
                    String variable = template.substring(i + 1, close).strip();
                    if (variable.isEmpty()) {
                        throw new IllegalArgumentException("empty variable '{}' at index " + i + " of the " + role
                                + " template \"" + template + "\"; name the variable, e.g. {input}");
                    }
                    segments.add(literal.toString());
                    literal.setLength(0);
                    segments.add(variable);
                    i = close + 1;
                }
                else if (c == '}') {
                    throw new IllegalArgumentException("single '}' at index " + i + " of the " + role + " template \""
                            + template + "\"; write '}}' for a literal brace");
                }
                else {
                    literal.append(c);
                    i++;
                }
            }
            segments.add(literal.toString());
            return new MessageTemplate(role, template, List.copyOf(segments));
        }

        @Override
        public List<String> variables() {
            List<String> variables = new ArrayList<>();
            for (int i = 1; i < this.segments.size(); i += 2) {
                variables.add(this.segments.get(i));
            }
            return variables;
        }

        @Override
        public void appendTo(List<BaseMessage> messages, Map<String, ?> variables, String prompt) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < this.segments.size(); i++) {
                text.append((i % 2 == 0) ? this.segments.get(i) : String.valueOf(variables.get(this.segments.get(i))));
            }
            String content = text.toString();
            messages.add(switch (this.role) {
                case "system" -> new SystemMessage(content);
                case "human" -> new HumanMessage(content);
                case "ai" -> AIMessage.of(content);
                default -> new ChatMessage(this.role, content);
            });
        }

        @Override
        public String toString() {
            return "(" + this.role + ", \"" + this.template + "\")";
        }
    }

    /** A variable holding a list of messages, inserted as they are. */
    private record Placeholder(String variable) implements Part {

        @Override
        public List<String> variables() {
            return List.of(this.variable);
        }

        @Override
        public void appendTo(List<BaseMessage> messages, Map<String, ?> variables, String prompt) {
            Object value = variables.get(this.variable);
            if (!(value instanceof List<?> list)) {
                throw new IllegalArgumentException(prompt + " expects variable '" + this.variable
                        + "' to be a List<BaseMessage>, got " + value.getClass().getName());
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof BaseMessage message)) {
                    throw new IllegalArgumentException(prompt + " expects variable '" + this.variable
                            + "' to be a List<BaseMessage>, but element " + i + " is "
                            + ((list.get(i) == null) ? "null" : list.get(i).getClass().getName()));
                }
                messages.add(message);
            }
        }

        @Override
        public String toString() {
            return "(placeholder, {" + this.variable + "})";
        }
    }

    /** Builds a {@link ChatPromptTemplate}; messages keep the order they are added in. */
    public static final class Builder {

        private final List<Part> parts = new ArrayList<>();

        private String name = "ChatPromptTemplate";

        private Builder() {
        }

        /** Adds a system message template. */
        public Builder system(String template) {
            return message("system", template);
        }

        /** Adds a human message template. */
        public Builder human(String template) {
            return message("human", template);
        }

        /** Adds an AI message template. */
        public Builder ai(String template) {
            return message("ai", template);
        }

        /**
         * Adds a message template with a role: {@code system}, {@code human}, {@code ai}, or any
         * other role for a {@link ChatMessage}.
         * @throws IllegalArgumentException if the role is blank or the template has an unbalanced brace
         */
        public Builder message(String role, String template) {
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("role must not be blank; use system, human, ai or a custom role");
            }
            this.parts.add(MessageTemplate.parse(role, template));
            return this;
        }

        /** Adds a placeholder for a variable holding a {@code List<BaseMessage>} (e.g. chat history). */
        public Builder placeholder(String variable) {
            this.parts.add(new Placeholder(Checks.notBlank(variable, "placeholder variable")));
            return this;
        }

        /** Sets the run name (default {@code ChatPromptTemplate}). */
        public Builder name(String name) {
            this.name = Checks.notBlank(name, "name");
            return this;
        }

        /** Builds the prompt; at least one message is required. */
        public ChatPromptTemplate build() {
            if (this.parts.isEmpty()) {
                throw new IllegalStateException("a ChatPromptTemplate needs at least one message: call system(...), "
                        + "human(...), ai(...) or placeholder(...) on the builder");
            }
            return new ChatPromptTemplate(this.parts, this.name);
        }
    }
}
