package dev.callbacks.core.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a component of a record used as a tool's argument schema, so the description reaches
 * the model through {@link ToolSchema}:
 *
 * <pre>{@code
 * record GetItemsArgs(@ToolParam("the place to look in") String place) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD })
public @interface ToolParam {

    /** The argument's description. */
    String value();
}
