-- An environment's own variables (a preview's overrides), laid over the app's env_vars by name
-- when a deployment goes to that environment. They go with the environment's row (a preview's
-- teardown deletes it) and with the app. var_value is encrypted when secret is true.
CREATE TABLE environment_env_vars (
    environment_id  BIGINT        NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    name            VARCHAR(255)  NOT NULL,
    var_value       TEXT          NOT NULL,
    secret          BOOLEAN       NOT NULL,
    build_time      BOOLEAN       NOT NULL,
    PRIMARY KEY (environment_id, name)
);
