CREATE TABLE "maintenance_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"visit_item_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"key" text NOT NULL,
	"result" text,
	"value" double precision,
	"text" text,
	"note" text,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"danger" boolean DEFAULT false NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"client_event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_records" (
	"visit_id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"summary" text,
	"signed_by" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signature_file_id" uuid NOT NULL,
	"engineer_id" uuid,
	"file_id" uuid,
	"reviewer_id" uuid,
	"reviewed_at" timestamp with time zone,
	"return_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"visit_item_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"text" text NOT NULL,
	"due_on" date NOT NULL,
	"responsible" text NOT NULL,
	"ticket_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "maintenance_settings" ADD COLUMN "review_required" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "maintenance_answers" ADD CONSTRAINT "maintenance_answers_visit_id_maintenance_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."maintenance_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_answers" ADD CONSTRAINT "maintenance_answers_visit_item_id_maintenance_visit_items_id_fk" FOREIGN KEY ("visit_item_id") REFERENCES "public"."maintenance_visit_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_records" ADD CONSTRAINT "maintenance_records_visit_id_maintenance_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."maintenance_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_suggestions" ADD CONSTRAINT "maintenance_suggestions_visit_id_maintenance_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."maintenance_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_suggestions" ADD CONSTRAINT "maintenance_suggestions_visit_item_id_maintenance_visit_items_id_fk" FOREIGN KEY ("visit_item_id") REFERENCES "public"."maintenance_visit_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_answers_entry_idx" ON "maintenance_answers" USING btree ("visit_item_id","key");--> statement-breakpoint
CREATE INDEX "maintenance_answers_visit_idx" ON "maintenance_answers" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "maintenance_records_status_idx" ON "maintenance_records" USING btree ("status","signed_at");--> statement-breakpoint
CREATE INDEX "maintenance_records_customer_idx" ON "maintenance_records" USING btree ("customer_id","signed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_suggestions_entry_idx" ON "maintenance_suggestions" USING btree ("visit_item_id","item_key");--> statement-breakpoint
CREATE INDEX "maintenance_suggestions_customer_idx" ON "maintenance_suggestions" USING btree ("customer_id","due_on");