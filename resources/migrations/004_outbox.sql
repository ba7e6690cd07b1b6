-- 004: events for other systems (api-contract.md "Events for third parties (webhooks)") and
-- each customer's history ("Reservations: release, history").
--
-- outbox_events is written in the same transaction as the change it reports: it exists if and
-- only if that change committed. The body is fixed at that moment, so every retry of an event
-- sends the same bytes. The relay fans each event out into one webhook_deliveries row per
-- webhook that asked for its type, then claims due rows (SELECT ... FOR UPDATE SKIP LOCKED plus
-- a lease in claimed_until), sends them outside any transaction, and writes every attempt down
-- in webhook_attempts.

CREATE TABLE IF NOT EXISTS outbox_events (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    type VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    body MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    created_at DATETIME(3) NOT NULL,
    fanned_out TINYINT NOT NULL DEFAULT 0,
    UNIQUE KEY uq_outbox_events_event_id (event_id),
    KEY ix_outbox_events_fanned_out (fanned_out, id)
) ENGINE=InnoDB;

-- events is a comma-separated list of event types (FIND_IN_SET); secret is "whsec_<base64>".
-- A deleted webhook keeps its row (deleted_at) so that its attempts stay explained.
CREATE TABLE IF NOT EXISTS webhooks (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    url VARCHAR(2048) NOT NULL,
    events VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    secret VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at DATETIME(3) NOT NULL,
    deleted_at DATETIME(3) NULL,
    KEY ix_webhooks_deleted (deleted_at)
) ENGINE=InnoDB;

-- One row per (webhook, event): the work still to do. state PENDING is due at next_attempt_at;
-- claimed_until > now means an instance is sending it (the lease outlives the 15 s timeout).
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    webhook_id BIGINT NOT NULL,
    outbox_event_id BIGINT NOT NULL,
    state ENUM('PENDING', 'DELIVERED', 'FAILED') NOT NULL DEFAULT 'PENDING',
    attempts INT NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3) NOT NULL,
    claimed_until DATETIME(3) NULL,
    claimed_by CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
    UNIQUE KEY uq_webhook_deliveries_event (webhook_id, outbox_event_id),
    KEY ix_webhook_deliveries_due (webhook_id, state, next_attempt_at)
) ENGINE=InnoDB;

-- Every attempt: status is the receiver's HTTP status, NULL when it did not answer.
CREATE TABLE IF NOT EXISTS webhook_attempts (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    webhook_id BIGINT NOT NULL,
    delivery_id BIGINT NOT NULL,
    event_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    type VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    attempt INT NOT NULL,
    at DATETIME(3) NOT NULL,
    status SMALLINT NULL,
    delivered TINYINT NOT NULL,
    KEY ix_webhook_attempts_webhook (webhook_id, id)
) ENGINE=InnoDB;

-- A customer's history, newest first: one range scan of this index per page.
CREATE INDEX IF NOT EXISTS ix_reservations_user_created ON reservations (user_id, created_at, id);
