CREATE TABLE "analytics_assets" (
	"asset_id" uuid PRIMARY KEY NOT NULL,
	"serial" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"model" text NOT NULL,
	"since" date,
	"in_service" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_failures_daily" (
	"day" date NOT NULL,
	"asset_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_assets_customer_idx" ON "analytics_assets" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "analytics_failures_daily_day_idx" ON "analytics_failures_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "analytics_failures_daily_customer_idx" ON "analytics_failures_daily" USING btree ("customer_id","day");