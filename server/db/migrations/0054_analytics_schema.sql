CREATE TABLE "analytics_daily" (
	"day" date NOT NULL,
	"measure" text NOT NULL,
	"metric" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid,
	"product_id" uuid,
	"team" text NOT NULL,
	"engineer_id" uuid,
	"n" integer NOT NULL,
	"met" integer DEFAULT 0 NOT NULL,
	"breached" integer DEFAULT 0 NOT NULL,
	"seconds" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_watermarks" (
	"source" text PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_daily_day_idx" ON "analytics_daily" USING btree ("measure","day");--> statement-breakpoint
CREATE INDEX "analytics_daily_customer_idx" ON "analytics_daily" USING btree ("customer_id","measure","day");--> statement-breakpoint
CREATE INDEX "sla_targets_updated_idx" ON "sla_targets" USING btree ("updated_at");