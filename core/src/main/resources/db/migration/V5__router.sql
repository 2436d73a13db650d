-- The app router (core.router): custom domains per app. A domain routes to the app's production
-- environment; it belongs to one app only (lower-case, validated by AppDomainService).
CREATE TABLE app_domains (
    app_id      BIGINT        NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    domain      VARCHAR(253)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT app_domains_domain_unique UNIQUE (domain)
);
CREATE INDEX app_domains_app ON app_domains (app_id);
