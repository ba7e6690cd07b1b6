-- 008: per-tick work that follows what changed, not the size of the line (issue 13).
-- changed_at stamps every UPDATE that changes a token row (admission, expiry, leaving, draw,
-- hold extension), whoever writes it; the sighting batches (last_seen_at) keep it as it was.
-- Every instance reads the rows changed since its last tick through ix_queue_tokens_changed
-- instead of re-reading every live token. The expiry sweep finds overdue ACTIVE tokens
-- through ix_queue_tokens_status_expires (a range of the overdue ones only). Concert rows get
-- the same stamp so that the waiting rooms' settings are read only when they changed. The
-- server's sessions run with time_zone '+00:00', so the stamps are UTC.
ALTER TABLE queue_tokens
    ADD COLUMN IF NOT EXISTS changed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
        ON UPDATE CURRENT_TIMESTAMP(3),
    ADD KEY IF NOT EXISTS ix_queue_tokens_changed (changed_at),
    ADD KEY IF NOT EXISTS ix_queue_tokens_status_expires (status, expires_at);

ALTER TABLE concerts
    ADD COLUMN IF NOT EXISTS changed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
        ON UPDATE CURRENT_TIMESTAMP(3),
    ADD KEY IF NOT EXISTS ix_concerts_changed (changed_at);
