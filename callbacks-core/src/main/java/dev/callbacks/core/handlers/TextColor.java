package dev.callbacks.core.handlers;

import java.util.Locale;
import java.util.Objects;

/**
 * The colours the printing handlers can give to agent logs, tool outputs and text, with the ANSI
 * codes LangChain uses for them ({@code green}, {@code blue}, {@code yellow}, {@code pink},
 * {@code red}).
 */
public enum TextColor {

    /** Green, ANSI {@code 32;1}. */
    GREEN("32;1"),

    /** Blue, ANSI {@code 36;1} (cyan on most terminals, as upstream). */
    BLUE("36;1"),

    /** Yellow, ANSI {@code 33;1}. */
    YELLOW("33;1"),

    /** Pink, ANSI 256-colour {@code 38;5;200}. */
    PINK("38;5;200"),

    /** Red, ANSI {@code 31;1}. */
    RED("31;1");

    private final String ansiCode;

    TextColor(String ansiCode) {
        this.ansiCode = ansiCode;
    }

    /** Returns the ANSI SGR parameters of this colour, such as {@code 32;1}. */
    public String ansiCode() {
        return this.ansiCode;
    }

    /**
     * Wraps text in this colour, in italics, as upstream's {@code get_colored_text}: the colour
     * code, then {@code ESC[1;3m}, the text and a reset.
     * @param text the text to colour
     * @return the coloured text
     */
    public String apply(String text) {
        return "\u001b[" + this.ansiCode + "m\u001b[1;3m" + text + "\u001b[0m";
    }

    /**
     * Returns the colour with the given LangChain name, ignoring case.
     * @param name one of {@code green}, {@code blue}, {@code yellow}, {@code pink}, {@code red}
     * @return the colour
     * @throws IllegalArgumentException if the name is not one of these
     */
    public static TextColor of(String name) {
        Objects.requireNonNull(name, "color name must not be null");
        String key = name.trim().toUpperCase(Locale.ROOT);
        for (TextColor color : values()) {
            if (color.name().equals(key)) {
                return color;
            }
        }
        throw new IllegalArgumentException("Unknown text color '" + name
                + "'; use one of green, blue, yellow, pink, red");
    }
}
