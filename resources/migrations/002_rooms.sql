-- 002: waiting rooms (api-contract.md "Waiting rooms: one per concert sale") and releases.
-- A concert's room settings live on the concert; room_id is 0 for the house room. One live
-- token per user per room. reason says why a token expired; ended_at when (every instance
-- reads recent ends to drop tokens that left the middle of the queue). last_seen_at is when
-- any instance last saw the token (batched once per tick); the admitter expires WAITING tokens
-- not seen for --queue-abandon-seconds. prequeue marks tokens taken before the sale opens;
-- draw_place is their drawn place (negative, so drawn tokens come before every later one).

ALTER TABLE concerts
    ADD COLUMN IF NOT EXISTS sale_opens_at DATETIME(3) NULL,
    ADD COLUMN IF NOT EXISTS queue_capacity INT NULL,
    ADD COLUMN IF NOT EXISTS admit_per_minute INT NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS queue_paused TINYINT(1) NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS queue_sold_out TINYINT(1) NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS drawn_at DATETIME(3) NULL;

ALTER TABLE queue_tokens
    ADD COLUMN IF NOT EXISTS concert_id BIGINT NULL,
    ADD COLUMN IF NOT EXISTS room_id BIGINT AS (COALESCE(concert_id, 0)) PERSISTENT,
    ADD COLUMN IF NOT EXISTS reason ENUM('PAID', 'TIMED_OUT', 'LEFT', 'ABANDONED') NULL,
    ADD COLUMN IF NOT EXISTS ended_at DATETIME(3) NULL,
    ADD COLUMN IF NOT EXISTS last_seen_at DATETIME(3) NULL,
    ADD COLUMN IF NOT EXISTS prequeue TINYINT(1) NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS draw_place BIGINT NULL;

ALTER TABLE queue_tokens
    ADD UNIQUE KEY IF NOT EXISTS uq_queue_tokens_live_user_room (live_user_id, room_id),
    ADD KEY IF NOT EXISTS ix_queue_tokens_room_status_id (room_id, status, id),
    ADD KEY IF NOT EXISTS ix_queue_tokens_room_status_draw (room_id, status, draw_place),
    ADD KEY IF NOT EXISTS ix_queue_tokens_status_room (status, room_id, id),
    ADD KEY IF NOT EXISTS ix_queue_tokens_room_admitted (room_id, admitted_at),
    ADD KEY IF NOT EXISTS ix_queue_tokens_status_seen (status, last_seen_at),
    ADD KEY IF NOT EXISTS ix_queue_tokens_ended (ended_at);

ALTER TABLE queue_tokens DROP INDEX IF EXISTS uq_queue_tokens_live_user;

ALTER TABLE reservations
    ADD KEY IF NOT EXISTS ix_reservations_queue_token (queue_token_id),
    MODIFY status ENUM('HELD', 'CONFIRMED', 'EXPIRED', 'RELEASED', 'CANCELLED') NOT NULL DEFAULT 'HELD';
