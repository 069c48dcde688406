CREATE TABLE "maintenance_tuning_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"current_months" integer NOT NULL,
	"proposed_months" integer NOT NULL,
	"direction" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_visit_flags" (
	"visit_id" uuid NOT NULL,
	"level" text NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	CONSTRAINT "maintenance_visit_flags_visit_id_level_pk" PRIMARY KEY("visit_id","level")
);
--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD COLUMN "contract_id" uuid;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD COLUMN "interval_months" integer;--> statement-breakpoint
ALTER TABLE "maintenance_settings" ADD COLUMN "grace_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "maintenance_settings" ADD COLUMN "warning_lead_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "maintenance_settings" ADD COLUMN "tuning_clean_visits" integer DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD COLUMN "next_flag_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "maintenance_tuning_proposals" ADD CONSTRAINT "maintenance_tuning_proposals_template_id_maintenance_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."maintenance_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_visit_flags" ADD CONSTRAINT "maintenance_visit_flags_visit_id_maintenance_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."maintenance_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_tuning_open_idx" ON "maintenance_tuning_proposals" USING btree ("template_id","product_id") WHERE "maintenance_tuning_proposals"."status" = 'open';--> statement-breakpoint
CREATE INDEX "maintenance_tuning_status_idx" ON "maintenance_tuning_proposals" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "maintenance_visits_due_idx" ON "maintenance_visits" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "maintenance_visits_flag_idx" ON "maintenance_visits" USING btree ("next_flag_at") WHERE "maintenance_visits"."next_flag_at" is not null;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_interval_positive" CHECK ("maintenance_plans"."interval_months" is null or "maintenance_plans"."interval_months" > 0);