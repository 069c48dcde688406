DROP INDEX "analytics_failures_daily_day_idx";--> statement-breakpoint
CREATE INDEX "analytics_failures_daily_day_idx" ON "analytics_failures_daily" USING btree ("day","asset_id","n");