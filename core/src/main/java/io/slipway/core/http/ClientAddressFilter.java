package io.slipway.core.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.EnumSet;

/**
 * Leaves the client's address on every request as the attribute {@link #ATTRIBUTE}, which Jersey
 * filters read as a request property. They cannot inject the servlet request instead: in an
 * external servlet container HK2 cannot proxy the container's {@code HttpServletRequest}.
 */
public final class ClientAddressFilter implements Filter {
    public static final String ATTRIBUTE = "io.slipway.clientAddress";

    public static void install(ServletContext context) {
        FilterRegistration.Dynamic f = context.addFilter("client-address", new ClientAddressFilter());
        f.setAsyncSupported(true);
        f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(ATTRIBUTE, request.getRemoteAddr());
        chain.doFilter(request, response);
    }
}
