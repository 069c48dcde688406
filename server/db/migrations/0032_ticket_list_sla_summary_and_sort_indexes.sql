DROP INDEX "tickets_status_idx";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_breached" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "search_grams" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "sla_targets_warning_window_idx" ON "sla_targets" USING gist (tstzrange("warn_at", greatest("warn_at", "due_at"))) WHERE "sla_targets"."state" = 'running' and "sla_targets"."warn_at" is not null and "sla_targets"."due_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_mine_queue_idx" ON "tickets" USING btree ("assignee_id","created_at","id") WHERE "tickets"."status" in ('new', 'assigned', 'in_progress', 'waiting_customer');--> statement-breakpoint
CREATE INDEX "tickets_team_queue_idx" ON "tickets" USING btree ("team","created_at","id") WHERE "tickets"."status" in ('new', 'assigned', 'in_progress', 'waiting_customer');--> statement-breakpoint
CREATE INDEX "tickets_unassigned_queue_idx" ON "tickets" USING btree ("created_at","id") WHERE "tickets"."assignee_id" is null and "tickets"."status" in ('new', 'assigned', 'in_progress');--> statement-breakpoint
CREATE INDEX "tickets_sla_running_idx" ON "tickets" USING btree ("created_at","id") WHERE "tickets"."sla_due_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_due_idx" ON "tickets" USING btree (coalesce("sla_due_at", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "tickets_updated_idx" ON "tickets" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "tickets_priority_idx" ON "tickets" USING btree ((case priority when 'low' then 0 when 'normal' then 1 when 'high' then 2 when 'urgent' then 3 end),"created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_assets_idx" ON "tickets" USING gin ("asset_ids");--> statement-breakpoint
CREATE INDEX "tickets_status_idx" ON "tickets" USING btree ("status","created_at","id");