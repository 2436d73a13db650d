-- Every webhook delivery is recorded (issue 6, part 5), not only verified ones: the claim on
-- (provider, delivery id) moves to claim_key, set only on the row of a delivery that deploys, so
-- rejected, ignored and duplicate deliveries and redeliveries can have rows of their own.
-- Runs on H2 2 and PostgreSQL alike.
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_unique;
ALTER TABLE webhook_deliveries ADD COLUMN claim_key VARCHAR(330);
UPDATE webhook_deliveries SET claim_key = provider || ':' || delivery_id;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_claim UNIQUE (claim_key);
-- TRUE verified, FALSE refused, NULL not checked by Slipway (no secret was asked for).
ALTER TABLE webhook_deliveries ADD COLUMN signature_valid BOOLEAN;
UPDATE webhook_deliveries SET signature_valid = TRUE;
ALTER TABLE webhook_deliveries ADD COLUMN response_code INT DEFAULT 0 NOT NULL;
UPDATE webhook_deliveries SET response_code = 202 WHERE outcome = 'queued';
ALTER TABLE webhook_deliveries ADD COLUMN matched_rule VARCHAR(1024);
ALTER TABLE webhook_deliveries ADD COLUMN hook_path VARCHAR(255) DEFAULT '' NOT NULL;
-- Only for verified deliveries (so "redeliver" can replay them): headers encrypted with
-- SecretCipher (GitLab's token header is the secret itself), the body as received, if small enough.
ALTER TABLE webhook_deliveries ADD COLUMN headers_enc TEXT;
ALTER TABLE webhook_deliveries ADD COLUMN body BYTEA;
ALTER TABLE webhook_deliveries ADD COLUMN redelivery_of BIGINT;

-- The apps a delivery concerned (the apps deploying the repository it named).
CREATE TABLE webhook_delivery_apps (
    delivery  BIGINT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    app_id    BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    PRIMARY KEY (delivery, app_id)
);
CREATE INDEX webhook_delivery_apps_by_app ON webhook_delivery_apps (app_id, delivery);
