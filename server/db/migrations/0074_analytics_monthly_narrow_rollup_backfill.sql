-- The monthly narrow rollup of the days already rolled up: each local month's sums of the narrow daily rows
-- (the job keeps later months; repository.ts replaceNarrowMonths). The job alone would never fill the months
-- whose days are not recomputed again.
INSERT INTO "analytics_monthly_by" ("month", "measure", "dim", "key", "n", "met", "breached", "seconds")
SELECT date_trunc('month', "day")::date, "measure", "dim", "key", sum("n"), sum("met"), sum("breached"), sum("seconds")
FROM "analytics_daily_by" GROUP BY 1, "measure", "dim", "key";
