-- First-time fix (docs/analytics.md): tickets resolved before the column existed count from their
-- current resolution (an earlier reopening is not known).
UPDATE "tickets" SET "first_resolved_at" = coalesce("resolved_at", "closed_at")
 WHERE "first_resolved_at" IS NULL AND coalesce("resolved_at", "closed_at") IS NOT NULL;
