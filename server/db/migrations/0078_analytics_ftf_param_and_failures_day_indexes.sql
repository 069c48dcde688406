DROP INDEX "analytics_failures_daily_day_idx";--> statement-breakpoint
CREATE INDEX "analytics_measures_daily_ftf_param_idx" ON "analytics_measures_daily" USING btree ("param","day") WHERE "analytics_measures_daily"."measure" = 'first_time_fix';--> statement-breakpoint
CREATE INDEX "analytics_failures_daily_day_idx" ON "analytics_failures_daily" USING btree ("day","asset_id","n");