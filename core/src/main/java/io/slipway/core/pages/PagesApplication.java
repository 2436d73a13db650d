package io.slipway.core.pages;

import io.slipway.core.server.CoreServicesBinder;
import io.slipway.core.server.SlipwayBoot;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The server-rendered pages under {@code /}. */
public final class PagesApplication extends ResourceConfig {

    public PagesApplication(SlipwayBoot boot) {
        registerClasses(PageResources.CLASSES);
        register(ViewWriter.class);
        register(PageErrorMapper.class);
        register(io.slipway.core.audit.AuditFilter.class);
        register(io.slipway.core.security.SecurityFeature.class);
        register(MultiPartFeature.class);
        register(new CoreServicesBinder(boot));
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
        property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
    }
}
