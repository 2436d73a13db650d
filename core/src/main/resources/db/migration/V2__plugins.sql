-- Secrets a plugin keeps for itself (PluginContext.secrets()); secret_value is encrypted with
-- core.secrets.SecretCipher. Runs on H2 2 and PostgreSQL alike.
CREATE TABLE plugin_secrets (
    plugin_id     VARCHAR(63)   NOT NULL,
    secret_key    VARCHAR(255)  NOT NULL,
    secret_value  TEXT          NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (plugin_id, secret_key)
);
