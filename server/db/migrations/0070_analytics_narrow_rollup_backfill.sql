-- The narrow rollup of the days already rolled up (the job fills later days; repository.ts replaceNarrowDays).
INSERT INTO "analytics_daily_by" ("day", "measure", "dim", "key", "n", "met", "breached", "seconds")
SELECT "day", "measure", 'metric', "metric", sum("n"), sum("met"), sum("breached"), sum("seconds") FROM "analytics_daily" GROUP BY "day", "measure", "metric"
UNION ALL SELECT "day", "measure", 'customer', "customer_id"::text, sum("n"), sum("met"), sum("breached"), sum("seconds") FROM "analytics_daily" GROUP BY "day", "measure", "customer_id"
UNION ALL SELECT "day", "measure", 'project', "project_id"::text, sum("n"), sum("met"), sum("breached"), sum("seconds") FROM "analytics_daily" GROUP BY "day", "measure", "project_id"
UNION ALL SELECT "day", "measure", 'product', "product_id"::text, sum("n"), sum("met"), sum("breached"), sum("seconds") FROM "analytics_daily" GROUP BY "day", "measure", "product_id"
UNION ALL SELECT "day", "measure", 'team', "team", sum("n"), sum("met"), sum("breached"), sum("seconds") FROM "analytics_daily" GROUP BY "day", "measure", "team"
UNION ALL SELECT "day", "measure", 'engineer', "engineer_id"::text, sum("n"), sum("met"), sum("breached"), sum("seconds") FROM "analytics_daily" GROUP BY "day", "measure", "engineer_id";
