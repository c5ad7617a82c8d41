package dev.callbacks.demo;

import dev.callbacks.core.testing.CatAgentExample;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The Spring AI {@code @Tool} of the native chat: the items at a place, the same answers as the
 * cat agent's {@code get_items}.
 */
public class PlaceItemsTools {

    /**
     * Returns the items at a place.
     * @param place the place to look in
     * @return the items found there
     */
    @Tool(description = "Returns the items at a place in the home")
    public String itemsAt(@ToolParam(description = "the place to look in, e.g. shelf") String place) {
        String lower = place.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("shelf") ? CatAgentExample.ITEMS
                : lower.contains("bed") ? "socks, shoes and dust bunnies" : "cat snacks";
    }
}
