package io.slipway.core.pages.internal;

import java.util.Map;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;

/**
 * Lets {@code @{/plugins}} work without a servlet-bound Thymeleaf context: the context path (empty
 * when Slipway runs at the root, {@code /slipway} in an outside container) comes from the model.
 */
public final class ContextPathLinkBuilder extends StandardLinkBuilder {
    public static final String CONTEXT_PATH = "contextPath";

    @Override
    protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
        Object path = context.getVariable(CONTEXT_PATH);
        return path == null ? "" : path.toString();
    }
}
