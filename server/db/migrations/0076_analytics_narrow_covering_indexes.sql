DROP INDEX "analytics_daily_by_idx";--> statement-breakpoint
DROP INDEX "analytics_monthly_by_idx";--> statement-breakpoint
CREATE INDEX "analytics_daily_by_read_idx" ON "analytics_daily_by" USING btree ("measure","dim","day","key","n","met","breached","seconds");--> statement-breakpoint
CREATE INDEX "analytics_monthly_by_read_idx" ON "analytics_monthly_by" USING btree ("measure","dim","month","key","n","met","breached","seconds");