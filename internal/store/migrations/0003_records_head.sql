-- 0003: index the head revision of records.
--
-- records.head is a deferred foreign key to revisions; without an index,
-- checking it on every new record scans the whole records table, so
-- registering a case got slower as the office grew (seeding 20,000 cases:
-- 64 s without, 8 s with this index).
CREATE INDEX records_head ON records (head);
