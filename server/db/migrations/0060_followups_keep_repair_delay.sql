-- The delay of the follow-up after a repair was field's setting (field_settings.follow_up_delay_days,
-- 3 days by default, 篇1 四.3). It is now the followups module's rule "repair": a delay an administrator
-- had changed is carried over, so an upgrade does not put it back to 3 days; the default needs no row.
-- (0050 no longer drops the column; an installation where it already did has nothing to carry.)
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = 'field_settings'
                AND column_name = 'follow_up_delay_days') THEN
    INSERT INTO "follow_up_settings" ("id", "values", "version", "updated_by", "updated_at")
    SELECT 1,
           jsonb_build_object('rules', jsonb_build_object('repair',
             jsonb_build_object('delayDays', f."follow_up_delay_days"))),
           1, f."updated_by", f."updated_at"
      FROM "field_settings" f
     WHERE f."id" = 1 AND f."follow_up_delay_days" <> 3
    ON CONFLICT ("id") DO NOTHING;
    ALTER TABLE "field_settings" DROP COLUMN "follow_up_delay_days";
  END IF;
END $$;
