-- 007: the queue figures of every waiting room (api-contract.md "Box office": GET /admin/queue),
-- which every instance reads once per tick into its RoomsView instead of once per request:
-- tokens admitted in the last minute and tokens abandoned in the last minute, per room. Both
-- are range scans of these covering indexes over one minute of rows.
ALTER TABLE queue_tokens
    ADD KEY IF NOT EXISTS ix_queue_tokens_admitted_room (admitted_at, room_id),
    ADD KEY IF NOT EXISTS ix_queue_tokens_reason_ended_room (reason, ended_at, room_id);
