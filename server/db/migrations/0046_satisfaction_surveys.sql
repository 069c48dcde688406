CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"source_number" text,
	"source_at" timestamp with time zone NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"project_id" uuid,
	"team" text,
	"engineer_id" uuid,
	"product_id" uuid,
	"email" text,
	"phone" text,
	"locale" text NOT NULL,
	"status" text NOT NULL,
	"skip_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"channel" text,
	"response_stars" smallint,
	"engineer_stars" smallint,
	"result_stars" smallint,
	"comment" text,
	"not_satisfied" boolean,
	"satisfied" boolean,
	"recovery_ticket_id" uuid,
	"recovery_ticket_number" text
);
--> statement-breakpoint
CREATE TABLE "survey_settings" (
	"kind" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"sampling_percent" integer NOT NULL,
	"quiet_days" integer NOT NULL,
	"link_days" integer NOT NULL,
	"target_percent" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_watermarks" (
	"kind" text PRIMARY KEY NOT NULL,
	"after_at" timestamp with time zone NOT NULL,
	"after_id" uuid
);
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_source_idx" ON "survey_invitations" USING btree ("kind","source_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_asked_idx" ON "survey_invitations" USING btree ("customer_id","created_at") WHERE "survey_invitations"."status" <> 'skipped';--> statement-breakpoint
CREATE INDEX "survey_invitations_answered_idx" ON "survey_invitations" USING btree ("answered_at","id") WHERE "survey_invitations"."answered_at" is not null;--> statement-breakpoint
CREATE INDEX "survey_invitations_open_idx" ON "survey_invitations" USING btree ("customer_id","expires_at") WHERE "survey_invitations"."status" = 'open';--> statement-breakpoint
CREATE INDEX "work_orders_repair_completed_idx" ON "work_orders" USING btree ("completed_at","id") WHERE "work_orders"."kind" = 'repair' and "work_orders"."status" = 'completed';--> statement-breakpoint
CREATE INDEX "maintenance_records_signed_idx" ON "maintenance_records" USING btree ("signed_at","visit_id");--> statement-breakpoint
CREATE INDEX "tickets_closed_idx" ON "tickets" USING btree ("closed_at","id") WHERE "tickets"."closed_at" is not null;