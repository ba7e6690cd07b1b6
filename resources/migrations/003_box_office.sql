-- 003: the box office (api-contract.md "Additions to v1": "Keys, staff and audit", "Balance:
-- safe retries, who may charge", "Box office"). Keys are stored as a SHA-256 hash and a short
-- prefix, never in clear; each charge Idempotency-Key is a unique row; a ticket's first
-- check-in is a unique row, so two door scanners at once cannot both be first.

CREATE TABLE IF NOT EXISTS api_keys (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    role ENUM('ADMIN', 'STAFF', 'TERMINAL') NOT NULL,
    key_prefix VARCHAR(16) CHARACTER SET ascii NOT NULL,
    key_hash BINARY(32) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    revoked_at DATETIME(3) NULL,
    UNIQUE KEY uq_api_keys_hash (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every admin and staff write: who (the key's name, "bootstrap" for --admin-key), what, on what.
CREATE TABLE IF NOT EXISTS audit_log (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at DATETIME(3) NOT NULL,
    key_name VARCHAR(100) NOT NULL,
    action VARCHAR(40) CHARACTER SET ascii NOT NULL,
    target VARCHAR(100) NOT NULL,
    detail TEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A charge made with an Idempotency-Key: its amount and the balance it answered with.
CREATE TABLE IF NOT EXISTS charge_requests (
    user_id VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    idempotency_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    amount BIGINT NOT NULL,
    balance_after BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
) ENGINE=InnoDB;

-- The first check-in of a ticket (one row per reservation: the primary key decides who is first).
CREATE TABLE IF NOT EXISTS ticket_checkins (
    reservation_id BIGINT NOT NULL PRIMARY KEY,
    checked_in_at DATETIME(3) NOT NULL,
    key_name VARCHAR(100) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Counter sales hold seats without a queue token; staff cancel (RELEASED, CANCELLED); refunds.
ALTER TABLE reservations MODIFY queue_token_id BIGINT NULL;
ALTER TABLE reservations MODIFY status
    ENUM('HELD', 'CONFIRMED', 'EXPIRED', 'RELEASED', 'CANCELLED') NOT NULL DEFAULT 'HELD';
ALTER TABLE balance_ledger MODIFY kind ENUM('CHARGE', 'PAYMENT', 'REFUND') NOT NULL;
ALTER TABLE reservations ADD INDEX IF NOT EXISTS ix_reservations_user_created (user_id, created_at);
ALTER TABLE payments ADD INDEX IF NOT EXISTS ix_payments_user_paid (user_id, paid_at);
