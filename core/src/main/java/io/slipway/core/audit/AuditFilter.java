package io.slipway.core.audit;

import io.slipway.core.audit.internal.RequestNames;
import io.slipway.core.security.RequestActor;
import io.slipway.core.server.SlipwayBoot;
import jakarta.inject.Inject;
import io.slipway.core.http.ClientAddressFilter;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Records every mutating request (POST, PUT, PATCH, DELETE) of the API and the pages in the
 * {@link AuditLog} once its answer is known: the caller (the {@link RequestActor} the
 * authentication filter left, else {@code anonymous}), the action and target (see
 * {@link RequestNames}), the client's address and the outcome. Request bodies are never recorded,
 * so no secret a request carries reaches the log; facts come from {@link AuditDetails}.
 */
public final class AuditFilter implements ContainerResponseFilter {
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final SlipwayBoot boot;
    @Context
    private ResourceInfo resource;

    @Inject
    public AuditFilter(SlipwayBoot boot) {
        this.boot = Objects.requireNonNull(boot, "boot");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!MUTATING.contains(request.getMethod())) {
            return;
        }
        Optional<Method> method = Optional.ofNullable(resource).map(ResourceInfo::getResourceMethod);
        Optional<Class<?>> type = Optional.ofNullable(resource).map(ResourceInfo::getResourceClass);
        if (method.map(m -> m.isAnnotationPresent(AuditedElsewhere.class)).orElse(false)
                || type.map(t -> t.isAnnotationPresent(AuditedElsewhere.class)).orElse(false)) {
            return;
        }
        boot.ifReady().ifPresent(core -> core.service(AuditLog.class).record(event(request, response, method, type)));
    }

    private AuditEvent event(ContainerRequestContext request, ContainerResponseContext response,
                             Optional<Method> method, Optional<Class<?>> type) {
        UriInfo uri = request.getUriInfo();
        List<String> segments = uri.getPathSegments().stream().map(PathSegment::getPath).toList();
        Optional<String> location = Optional.ofNullable(response.getHeaderString("Location"));
        int status = response.getStatus();
        String action = method.flatMap(m -> Optional.ofNullable(m.getAnnotation(AuditAction.class)).map(AuditAction::value)
                        .or(() -> type.map(t -> RequestNames.action(t, m.getName()))))
                .orElseGet(() -> RequestNames.action(request.getMethod(), segments));
        List<String> params = uri.getPathParameters().values().stream().flatMap(List::stream).toList();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("method", request.getMethod());
        details.put("path", uri.getRequestUri().getRawPath());
        details.put("status", Integer.toString(status));
        if (request.getProperty(AuditDetails.PROPERTY) instanceof Map<?, ?> noted) {
            noted.forEach((k, v) -> details.put(String.valueOf(k), String.valueOf(v)));
        }
        if (response.getEntity() instanceof AuditDetails facts && status < 400) {
            details.putAll(facts.auditDetails());
        }
        Object actor = request.getProperty(RequestActor.PROPERTY);
        return new AuditEvent(actor instanceof String s && !s.isBlank() ? s : "anonymous", action,
                RequestNames.target(segments, params, status, location), clientAddress(request),
                RequestNames.outcome(status, location), details);
    }

    private static String clientAddress(ContainerRequestContext request) {
        return request.getProperty(ClientAddressFilter.ATTRIBUTE) instanceof String address ? address : "";
    }
}
