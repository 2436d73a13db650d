-- Source archives uploaded for apps (the upload plugin keeps the bytes, by SHA-256; this is the index
-- the app page and the retention read). Runs on H2 2 and PostgreSQL alike.
CREATE TABLE uploads (
    app_id       BIGINT        NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    revision     VARCHAR(64)   NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    format       VARCHAR(16)   NOT NULL,
    entries      INT           NOT NULL,
    file_name    VARCHAR(255)  NOT NULL,
    uploaded_by  VARCHAR(255)  NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, revision)
);
CREATE INDEX uploads_app_uploaded ON uploads (app_id, uploaded_at);
