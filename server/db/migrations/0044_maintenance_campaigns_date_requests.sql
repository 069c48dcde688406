CREATE TABLE "maintenance_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"occasion" text NOT NULL,
	"reason" text NOT NULL,
	"deadline" date NOT NULL,
	"selection" jsonb NOT NULL,
	"site_count" integer NOT NULL,
	"asset_count" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_date_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"current_on" date NOT NULL,
	"requested_on" date NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "maintenance_visits_project_due_idx";--> statement-breakpoint
ALTER TABLE "maintenance_settings" ADD COLUMN "reminder_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD COLUMN "kind" text DEFAULT 'planned' NOT NULL;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD COLUMN "rescheduled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "maintenance_date_requests" ADD CONSTRAINT "maintenance_date_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_date_requests" ADD CONSTRAINT "maintenance_date_requests_visit_id_maintenance_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."maintenance_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maintenance_campaigns_created_idx" ON "maintenance_campaigns" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "maintenance_date_requests_status_idx" ON "maintenance_date_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "maintenance_date_requests_customer_idx" ON "maintenance_date_requests" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_date_requests_pending_idx" ON "maintenance_date_requests" USING btree ("visit_id") WHERE "maintenance_date_requests"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "maintenance_visits" ADD CONSTRAINT "maintenance_visits_campaign_id_maintenance_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."maintenance_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_visits_campaign_project_idx" ON "maintenance_visits" USING btree ("campaign_id","project_id") WHERE "maintenance_visits"."campaign_id" is not null;--> statement-breakpoint
CREATE INDEX "maintenance_visits_ticket_idx" ON "maintenance_visits" USING btree ("ticket_id") WHERE "maintenance_visits"."ticket_id" is not null;--> statement-breakpoint
CREATE INDEX "maintenance_visits_reminder_idx" ON "maintenance_visits" USING btree ("due_on") WHERE "maintenance_visits"."reminded_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_visits_project_due_idx" ON "maintenance_visits" USING btree ("project_id","due_on") WHERE "maintenance_visits"."kind" = 'planned';