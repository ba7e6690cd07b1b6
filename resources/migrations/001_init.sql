-- 001: the whole first schema. Invariants live in the database where it can carry them:
-- one row per seat of a date (primary key), a non-negative balance (CHECK), one live queue
-- place per user (unique generated column), one payment per reservation and one per
-- (user, Idempotency-Key) (unique keys). Money is BIGINT KRW; times are UTC DATETIME(3).

CREATE TABLE IF NOT EXISTS concerts (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    venue VARCHAR(200) NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS concert_dates (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    concert_id BIGINT NOT NULL,
    show_date DATE NOT NULL,
    price BIGINT NOT NULL,
    UNIQUE KEY uq_concert_dates_concert_date (concert_id, show_date),
    CONSTRAINT fk_concert_dates_concert FOREIGN KEY (concert_id) REFERENCES concerts (id),
    CONSTRAINT ck_concert_dates_price CHECK (price BETWEEN 0 AND 10000000)
) ENGINE=InnoDB;

-- A seat is AVAILABLE, HELD by one reservation until held_until, or SOLD to one reservation.
-- A HELD seat whose held_until has passed counts as AVAILABLE everywhere, before any sweep.
CREATE TABLE IF NOT EXISTS seats (
    concert_date_id BIGINT NOT NULL,
    seat_number TINYINT UNSIGNED NOT NULL,
    status ENUM('AVAILABLE', 'HELD', 'SOLD') NOT NULL DEFAULT 'AVAILABLE',
    reservation_id BIGINT NULL,
    held_until DATETIME(3) NULL,
    PRIMARY KEY (concert_date_id, seat_number),
    KEY ix_seats_status_held_until (status, held_until),
    KEY ix_seats_reservation (reservation_id),
    CONSTRAINT fk_seats_concert_date FOREIGN KEY (concert_date_id) REFERENCES concert_dates (id),
    CONSTRAINT ck_seats_number CHECK (seat_number BETWEEN 1 AND 50),
    CONSTRAINT ck_seats_owner CHECK ((status = 'AVAILABLE') = (reservation_id IS NULL))
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS users (
    id VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    balance BIGINT NOT NULL DEFAULT 0,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT ck_users_balance CHECK (balance >= 0)
) ENGINE=InnoDB;

-- Queue tokens in issue order (id). live_user_id is the user while the token is WAITING or
-- ACTIVE and NULL once EXPIRED: its unique key gives each user at most one live place.
CREATE TABLE IF NOT EXISTS queue_tokens (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    status ENUM('WAITING', 'ACTIVE', 'EXPIRED') NOT NULL DEFAULT 'WAITING',
    issued_at DATETIME(3) NOT NULL,
    admitted_at DATETIME(3) NULL,
    expires_at DATETIME(3) NULL,
    live_user_id VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin
        AS (IF(status = 'EXPIRED', NULL, user_id)) PERSISTENT,
    UNIQUE KEY uq_queue_tokens_live_user (live_user_id),
    KEY ix_queue_tokens_status_id (status, id),
    KEY ix_queue_tokens_user (user_id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS reservations (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    queue_token_id BIGINT NOT NULL,
    concert_date_id BIGINT NOT NULL,
    seat_numbers VARCHAR(32) CHARACTER SET ascii NOT NULL,
    amount BIGINT NOT NULL,
    status ENUM('HELD', 'CONFIRMED', 'EXPIRED') NOT NULL DEFAULT 'HELD',
    held_until DATETIME(3) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    KEY ix_reservations_status_held_until (status, held_until),
    KEY ix_reservations_user (user_id),
    CONSTRAINT fk_reservations_concert_date FOREIGN KEY (concert_date_id) REFERENCES concert_dates (id),
    CONSTRAINT ck_reservations_amount CHECK (amount >= 0)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS payments (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    reservation_id BIGINT NOT NULL,
    user_id VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    amount BIGINT NOT NULL,
    balance_after BIGINT NOT NULL,
    idempotency_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    paid_at DATETIME(3) NOT NULL,
    UNIQUE KEY uq_payments_reservation (reservation_id),
    UNIQUE KEY uq_payments_idempotency_key (user_id, idempotency_key),
    CONSTRAINT fk_payments_reservation FOREIGN KEY (reservation_id) REFERENCES reservations (id),
    CONSTRAINT ck_payments_amount CHECK (amount >= 0 AND balance_after >= 0)
) ENGINE=InnoDB;

-- Every movement of money: charges (+) and payments (-). For every user,
-- SUM(amount) = users.balance; it is how audits prove that nothing was lost or doubled.
CREATE TABLE IF NOT EXISTS balance_ledger (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kind ENUM('CHARGE', 'PAYMENT') NOT NULL,
    amount BIGINT NOT NULL,
    payment_id BIGINT NULL,
    created_at DATETIME(3) NOT NULL,
    KEY ix_balance_ledger_user (user_id)
) ENGINE=InnoDB;

-- Secrets all instances share, e.g. the HMAC key that signs queue tokens.
CREATE TABLE IF NOT EXISTS server_secrets (
    name VARCHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    secret VARBINARY(64) NOT NULL
) ENGINE=InnoDB;
