CREATE TABLE "maintenance_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"template_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"mode" text NOT NULL,
	"preferred_weekday" integer,
	"window_start" text,
	"window_end" text,
	"active" boolean DEFAULT true NOT NULL,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maintenance_plans_dates" CHECK ("maintenance_plans"."ends_on" is null or "maintenance_plans"."ends_on" >= "maintenance_plans"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "maintenance_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"small_months" integer NOT NULL,
	"medium_months" integer NOT NULL,
	"large_months" integer NOT NULL,
	"patrol_months" integer NOT NULL,
	"electrical_cleaning_months" integer NOT NULL,
	"overhaul_months" integer NOT NULL,
	"horizon_days" integer NOT NULL,
	"shift_direction" text NOT NULL,
	"calendar_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"cycle" text NOT NULL,
	"category" text,
	"size_class" text,
	"interval_months" integer,
	"checklist" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maintenance_templates_interval_positive" CHECK ("maintenance_templates"."interval_months" is null or "maintenance_templates"."interval_months" > 0)
);
--> statement-breakpoint
CREATE TABLE "maintenance_visit_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"nominal_on" date NOT NULL,
	"reason" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"work_order_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "maintenance_plan_items" ADD CONSTRAINT "maintenance_plan_items_plan_id_maintenance_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."maintenance_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plan_items" ADD CONSTRAINT "maintenance_plan_items_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plan_items" ADD CONSTRAINT "maintenance_plan_items_template_id_maintenance_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."maintenance_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_settings" ADD CONSTRAINT "maintenance_settings_calendar_id_sla_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."sla_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_visit_items" ADD CONSTRAINT "maintenance_visit_items_visit_id_maintenance_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."maintenance_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_visit_items" ADD CONSTRAINT "maintenance_visit_items_plan_id_maintenance_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."maintenance_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD CONSTRAINT "maintenance_visits_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD CONSTRAINT "maintenance_visits_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maintenance_plan_items_plan_idx" ON "maintenance_plan_items" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "maintenance_plan_items_asset_idx" ON "maintenance_plan_items" USING btree ("asset_id","template_id");--> statement-breakpoint
CREATE INDEX "maintenance_plans_project_idx" ON "maintenance_plans" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "maintenance_plans_customer_idx" ON "maintenance_plans" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "maintenance_templates_category_idx" ON "maintenance_templates" USING btree ("category","size_class");--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_visit_items_occurrence_idx" ON "maintenance_visit_items" USING btree ("plan_id","asset_id","template_id","nominal_on");--> statement-breakpoint
CREATE INDEX "maintenance_visit_items_visit_idx" ON "maintenance_visit_items" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "maintenance_visit_items_asset_idx" ON "maintenance_visit_items" USING btree ("asset_id","template_id");--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_visits_project_due_idx" ON "maintenance_visits" USING btree ("project_id","due_on");--> statement-breakpoint
CREATE INDEX "maintenance_visits_customer_idx" ON "maintenance_visits" USING btree ("customer_id","due_on");