CREATE TABLE "field_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"follow_up_delay_days" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "report_delivery" jsonb;