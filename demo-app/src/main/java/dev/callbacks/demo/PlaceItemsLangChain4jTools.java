package dev.callbacks.demo;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/**
 * The LangChain4j {@code @Tool} of the native chat when {@code demo.model.provider=langchain4j}:
 * the same tool as the Spring AI provider's {@link PlaceItemsTools}, under the same name.
 */
public class PlaceItemsLangChain4jTools {

    private final PlaceItemsTools items = new PlaceItemsTools();

    /**
     * Returns the items at a place.
     * @param place the place to look in
     * @return the items found there
     */
    @Tool("Returns the items at a place in the home")
    public String itemsAt(@P("the place to look in, e.g. shelf") String place) {
        return this.items.itemsAt(place);
    }
}
