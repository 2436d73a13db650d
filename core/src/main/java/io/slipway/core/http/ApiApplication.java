package io.slipway.core.http;

import io.slipway.core.deployments.LogStreamingFeature;
import io.slipway.core.server.CoreServicesBinder;
import io.slipway.core.server.SlipwayBoot;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The JSON REST API under {@code /api/v1}: resources, JSON, the error shape, injection. */
public final class ApiApplication extends ResourceConfig {

    public ApiApplication(SlipwayBoot boot) {
        // Our own mappers give every JSON error the API's shape (Jersey's would answer text).
        register(JacksonFeature.withoutExceptionMappers());
        register(JsonMapper.class);
        register(MultiPartFeature.class);
        register(SlipwayExceptionMapper.class);
        register(InvalidConfigExceptionMapper.class);
        register(JsonExceptionMapper.class);
        register(WebApplicationExceptionMapper.class);
        register(UnexpectedExceptionMapper.class);
        register(LogStreamingFeature.class);
        register(io.slipway.core.audit.AuditFilter.class);
        register(io.slipway.core.security.SecurityFeature.class);
        registerClasses(ApiResources.CLASSES);
        register(new CoreServicesBinder(boot));
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
        property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }
}
