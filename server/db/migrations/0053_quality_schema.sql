CREATE TABLE "quality_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"group_kind" text NOT NULL,
	"group_id" uuid NOT NULL,
	"group_name" text NOT NULL,
	"fault_category" text NOT NULL,
	"level" text NOT NULL,
	"reason" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"count" integer NOT NULL,
	"expected" double precision NOT NULL,
	"p_value" double precision NOT NULL,
	"units" integer NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"case_id" uuid,
	"raised_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"source_number" text NOT NULL,
	"customer_id" uuid,
	"product_model" text,
	"assets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"batches" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text NOT NULL,
	"cause_analysis" text,
	"decision" text,
	"training_topic" text,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closing_cause" text,
	"closing_action" text,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"alert_id" uuid,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_feedback_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"work_order_number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"engineer_id" uuid NOT NULL,
	"engineer_name" text NOT NULL,
	"fault_found" text NOT NULL,
	"cause" text NOT NULL,
	"customer_opinion" text NOT NULL,
	"suggestions" text,
	"file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"case_id" uuid,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_improvement_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"case_id" uuid NOT NULL,
	"product_model" text,
	"problem" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_improvement_requests_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "quality_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"level" double precision NOT NULL,
	"min_count" integer NOT NULL,
	"consecutive_periods" integer NOT NULL,
	"history_months" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_training_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"case_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"problem" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_training_needs_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "quality_case_events" ADD CONSTRAINT "quality_case_events_case_id_quality_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."quality_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_improvement_requests" ADD CONSTRAINT "quality_improvement_requests_case_id_quality_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."quality_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_training_needs" ADD CONSTRAINT "quality_training_needs_case_id_quality_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."quality_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_alerts_number_idx" ON "quality_alerts" USING btree ("number");--> statement-breakpoint
CREATE INDEX "quality_alerts_raised_idx" ON "quality_alerts" USING btree ("raised_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_alerts_live_group_idx" ON "quality_alerts" USING btree ("group_kind","group_id","fault_category") WHERE "quality_alerts"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "quality_alerts_group_idx" ON "quality_alerts" USING btree ("group_kind","group_id","fault_category","raised_at");--> statement-breakpoint
CREATE INDEX "quality_case_events_case_idx" ON "quality_case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_cases_number_idx" ON "quality_cases" USING btree ("number");--> statement-breakpoint
CREATE INDEX "quality_cases_created_idx" ON "quality_cases" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "quality_cases_source_idx" ON "quality_cases" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_feedback_forms_work_order_idx" ON "quality_feedback_forms" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "quality_feedback_forms_submitted_idx" ON "quality_feedback_forms" USING btree ("submitted_at","id");