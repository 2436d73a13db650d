package io.slipway.core.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestNamesTest {
    static final class AppsResource {
    }

    static final class EnvVarPages {
    }

    static final class NotificationTargetsResource {
    }

    static final class AppSettingsPage {
    }

    @Test
    void namesActionsAfterTheResourceAndMethod() {
        assertEquals("app.create", RequestNames.action(AppsResource.class, "create"));
        assertEquals("env-var.put", RequestNames.action(EnvVarPages.class, "put"));
        assertEquals("notification-target.test", RequestNames.action(NotificationTargetsResource.class, "test"));
        assertEquals("app-setting.save-all", RequestNames.action(AppSettingsPage.class, "saveAll"));
    }

    @Test
    void namesUnroutedRequestsAfterThePath() {
        assertEquals("hook.post", RequestNames.action("POST", List.of("hooks", "github")));
        assertEquals("root.delete", RequestNames.action("DELETE", List.of("")));
    }

    @Test
    void labelsEachPathParameterWithItsCollection() {
        assertEquals("app:web/env:TOKEN",
                RequestNames.target(List.of("apps", "web", "env", "TOKEN"), List.of("web", "TOKEN"), 200, Optional.empty()));
        assertEquals("deployment:12",
                RequestNames.target(List.of("deployments", "12", "cancel"), List.of("12"), 202, Optional.empty()));
        assertEquals("notification-target:3",
                RequestNames.target(List.of("notification-targets", "3"), List.of("3"), 204, Optional.empty()));
    }

    @Test
    void namesWhatWasCreatedFromTheLocation() {
        assertEquals("app:web", RequestNames.target(List.of("apps"), List.of(), 201,
                Optional.of("http://127.0.0.1:8080/api/v1/apps/web")));
        assertEquals("app:web/deployment:7", RequestNames.target(List.of("apps", "web", "deployments"), List.of("web"),
                202, Optional.of("/api/v1/deployments/7")));
        // A form's redirect names the target only when the path did not.
        assertEquals("app:web", RequestNames.target(List.of("apps", "new"), List.of(), 303,
                Optional.of("apps/web?done=app-created&name=web")));
        assertEquals("app:web", RequestNames.target(List.of("apps", "web", "settings"), List.of("web"), 303,
                Optional.of("http://localhost/apps/web/settings?done=app-saved")));
        assertEquals("", RequestNames.target(List.of("projects"), List.of(), 400, Optional.empty()));
    }

    @Test
    void tellsSuccessDenialAndFailureApart() {
        assertEquals("success", RequestNames.outcome(201, Optional.empty()));
        assertEquals("success", RequestNames.outcome(303, Optional.of("apps/web")));
        assertEquals("denied", RequestNames.outcome(401, Optional.empty()));
        assertEquals("denied", RequestNames.outcome(403, Optional.empty()));
        assertEquals("denied", RequestNames.outcome(303, Optional.of("http://localhost:8080/login?next=%2Fapps")));
        assertEquals("failure", RequestNames.outcome(400, Optional.empty()));
        assertEquals("failure", RequestNames.outcome(409, Optional.empty()));
        assertEquals("failure", RequestNames.outcome(500, Optional.empty()));
    }

    @Test
    void singularisesCollections() {
        assertEquals("policy", RequestNames.singular("policies"));
        assertEquals("address", RequestNames.singular("address"));
        assertEquals("env", RequestNames.singular("env"));
    }
}
