CREATE TABLE "analytics_daily_by" (
	"day" date NOT NULL,
	"measure" text NOT NULL,
	"dim" text NOT NULL,
	"key" text,
	"n" integer NOT NULL,
	"met" integer DEFAULT 0 NOT NULL,
	"breached" integer DEFAULT 0 NOT NULL,
	"seconds" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_daily_by_idx" ON "analytics_daily_by" USING btree ("measure","dim","day");