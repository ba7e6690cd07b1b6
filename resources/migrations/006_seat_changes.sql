-- 006: when a seat row last changed, so that every instance can keep the seat maps it serves
-- in memory and read only what changed since its last tick (an index range, not a reload).
-- ON UPDATE stamps every UPDATE that changes the row (holds, sales, releases, sweeps), whoever
-- writes it. The server's sessions run with time_zone '+00:00', so the stamps are UTC.
ALTER TABLE seats
    ADD COLUMN updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
        ON UPDATE CURRENT_TIMESTAMP(3),
    ADD KEY ix_seats_updated_at (updated_at);
