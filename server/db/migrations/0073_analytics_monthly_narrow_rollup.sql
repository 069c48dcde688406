CREATE TABLE "analytics_monthly_by" (
	"month" date NOT NULL,
	"measure" text NOT NULL,
	"dim" text NOT NULL,
	"key" text,
	"n" bigint NOT NULL,
	"met" bigint DEFAULT 0 NOT NULL,
	"breached" bigint DEFAULT 0 NOT NULL,
	"seconds" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_monthly_by_idx" ON "analytics_monthly_by" USING btree ("measure","dim","month");