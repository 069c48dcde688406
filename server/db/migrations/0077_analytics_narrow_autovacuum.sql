-- The dashboard reads the narrow rollups with index-only scans, which skip the table only for pages the
-- visibility map marks all-visible. The rollup job deletes and re-inserts the rows of the days and months
-- it recomputes; at the default scale factors (20 % of a table) autovacuum would mark those pages only
-- every few weeks at 10⁶ tickets, so the recent days would be read from the table meanwhile. Vacuum
-- visits only the pages not yet all-visible, so 1 % stays cheap (docs/analytics.md "Rollups").
ALTER TABLE "analytics_daily_by" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);--> statement-breakpoint
ALTER TABLE "analytics_monthly_by" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
