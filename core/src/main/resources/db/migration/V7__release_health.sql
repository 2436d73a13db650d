-- Release health after going live (core.monitor): the last known state of each active release,
-- so a restart does not announce a degradation twice and several servers sharing the database
-- announce it once (a state change is a conditional UPDATE only one of them wins).
-- Runs on H2 2 and PostgreSQL alike: no ON CONFLICT, no RETURNING.
CREATE TABLE release_health (
    app_id         BIGINT        NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    environment    VARCHAR(63)   NOT NULL,
    deployment_id  BIGINT        NOT NULL,
    healthy        BOOLEAN       NOT NULL,
    since          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_detail    TEXT,
    PRIMARY KEY (app_id, environment)
);
