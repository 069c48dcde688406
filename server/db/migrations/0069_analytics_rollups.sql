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
CREATE TABLE "analytics_measures_daily" (
	"day" date NOT NULL,
	"measure" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid,
	"product_id" uuid,
	"engineer_id" uuid,
	"n" integer NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"minutes" bigint DEFAULT 0 NOT NULL,
	"km" double precision DEFAULT 0 NOT NULL,
	"travel_seconds" double precision DEFAULT 0 NOT NULL,
	"param" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_daily_by_idx" ON "analytics_daily_by" USING btree ("measure","dim","day");--> statement-breakpoint
CREATE INDEX "analytics_measures_daily_day_idx" ON "analytics_measures_daily" USING btree ("measure","day");--> statement-breakpoint
CREATE INDEX "analytics_measures_daily_customer_idx" ON "analytics_measures_daily" USING btree ("customer_id","measure","day");--> statement-breakpoint
CREATE INDEX "work_orders_updated_idx" ON "work_orders" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "follow_ups_updated_idx" ON "follow_ups" USING btree ("updated_at");