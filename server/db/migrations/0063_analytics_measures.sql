CREATE TABLE "analytics_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"first_fix_reopen_days" integer DEFAULT 30 NOT NULL,
	"repeat_repair_threshold" integer DEFAULT 3 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "reopened_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "work_orders_completed_at_idx" ON "work_orders" USING btree ("completed_at") WHERE "work_orders"."completed_at" is not null;--> statement-breakpoint
CREATE INDEX "work_orders_assets_idx" ON "work_orders" USING gin ("asset_ids");--> statement-breakpoint
CREATE INDEX "work_orders_repair_created_idx" ON "work_orders" USING btree ("created_at") WHERE "work_orders"."kind" = 'repair';--> statement-breakpoint
CREATE INDEX "assets_repair_count_idx" ON "assets" USING btree ("repair_count") WHERE "assets"."repair_count" >= 2;--> statement-breakpoint
CREATE INDEX "tickets_fault_first_resolved_idx" ON "tickets" USING btree ("first_resolved_at","id") WHERE "tickets"."kind" = 'fault_report' and "tickets"."first_resolved_at" is not null;