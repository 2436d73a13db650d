-- The Slipway servers sharing this database: each beats its heart here; the one holding the
-- leader lock (a PostgreSQL advisory lock; on H2 the only server) marks itself leader.
CREATE TABLE servers (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    host         VARCHAR(255) NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    leader       BOOLEAN      NOT NULL DEFAULT FALSE
);
