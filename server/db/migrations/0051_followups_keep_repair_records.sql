-- The follow-ups field created after a repair become the followups module's rule "repair": subject =
-- the work order, its number as the reference; the open ones get their first warning instant.
UPDATE "follow_ups" f
SET "subject_id" = f."work_order_id",
    "reference" = w."number",
    "project_id" = w."project_id",
    "flag_at" = CASE WHEN f."status" = 'open' THEN f."due_at" - interval '2 hours' END
FROM "work_orders" w
WHERE w."id" = f."work_order_id" AND f."subject_id" IS NULL;
