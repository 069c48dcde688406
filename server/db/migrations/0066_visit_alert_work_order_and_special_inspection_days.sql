ALTER TABLE "maintenance_settings" ADD COLUMN "special_inspection_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD COLUMN "alert_id" uuid;--> statement-breakpoint
CREATE INDEX "maintenance_visits_work_order_idx" ON "maintenance_visits" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "maintenance_visits_alert_idx" ON "maintenance_visits" USING btree ("alert_id") WHERE "maintenance_visits"."alert_id" is not null;