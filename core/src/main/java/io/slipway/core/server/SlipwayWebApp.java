package io.slipway.core.server;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.http.ApiApplication;
import io.slipway.core.http.BodySizeLimitFilter;
import io.slipway.core.http.StaticAssetServlet;
import io.slipway.core.pages.PagesApplication;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Puts Slipway's servlets into a servlet context, the same way whether Slipway runs embedded or
 * inside another container: {@code /api/v1/*} the REST API, {@code /static/*} assets, {@code /*}
 * pages.
 */
public final class SlipwayWebApp {
    private SlipwayWebApp() {
    }

    public static void install(ServletContext context, SlipwayBoot boot, SlipwayConfig config) {
        io.slipway.core.http.SecurityHeadersFilter.install(context); // first: every answer carries the headers
        io.slipway.core.logging.RequestIdFilter.install(context); // before anything that logs
        io.slipway.core.http.ClientAddressFilter.install(context);
        FilterRegistration.Dynamic limit = context.addFilter("body-size-limit",
                new BodySizeLimitFilter(config.maxBodyBytes(), config.maxPluginBytes(), config.maxUploadBytes()));
        limit.setAsyncSupported(true); // the log stream (SSE) suspends its request
        limit.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        io.slipway.core.ratelimit.RateLimitFilter.install(context, config);

        ServletRegistration.Dynamic api = context.addServlet("api", new ServletContainer(new ApiApplication(boot)));
        api.setAsyncSupported(true);
        api.addMapping("/api/v1/*");
        api.setLoadOnStartup(1);

        io.slipway.core.webhooks.WebhookServlet.install(context, boot, config.maxBodyBytes());
        ServletRegistration.Dynamic assets = context.addServlet("static", new StaticAssetServlet());
        assets.addMapping("/static/*");

        ServletRegistration.Dynamic pages = context.addServlet("pages", new ServletContainer(new PagesApplication(boot)));
        pages.addMapping("/*");
        pages.setLoadOnStartup(2);
    }
}
