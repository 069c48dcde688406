CREATE TABLE "follow_up_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"values" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_watermarks" (
	"source" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "follow_ups_work_order_idx";--> statement-breakpoint
ALTER TABLE "follow_ups" ALTER COLUMN "work_order_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "rule" text DEFAULT 'repair' NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "period_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "channel" text DEFAULT 'phone' NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "contact_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "reference" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "visit_work_order_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "agent_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "reached" boolean;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "answers" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "satisfaction" smallint;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "problems" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "suggestions" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "equipment_check" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "coaching" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "outcome_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "told_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "told_note" text;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "flag_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "flag_level" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_rule_subject_idx" ON "follow_ups" USING btree ("rule","subject_id","period_key");--> statement-breakpoint
CREATE INDEX "follow_ups_agent_idx" ON "follow_ups" USING btree ("agent_id","due_at") WHERE "follow_ups"."status" in ('open', 'awaiting_customer');--> statement-breakpoint
CREATE INDEX "follow_ups_flag_idx" ON "follow_ups" USING btree ("flag_at") WHERE "follow_ups"."flag_at" is not null;--> statement-breakpoint
CREATE INDEX "follow_ups_period_idx" ON "follow_ups" USING btree ("due_at","id");--> statement-breakpoint
CREATE INDEX "follow_ups_customer_idx" ON "follow_ups" USING btree ("customer_id","due_at");--> statement-breakpoint
CREATE INDEX "work_order_events_completed_idx" ON "work_order_events" USING btree ("recorded_at") WHERE "work_order_events"."stage" = 'completed';--> statement-breakpoint
CREATE INDEX "tickets_consultation_resolved_idx" ON "tickets" USING btree ("resolved_at") WHERE "tickets"."kind" = 'consultation' and "tickets"."resolved_at" is not null;--> statement-breakpoint
-- field_settings.follow_up_delay_days is carried over to follow_up_settings, then dropped, by 0053.