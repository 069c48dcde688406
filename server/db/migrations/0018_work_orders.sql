CREATE TABLE "work_order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"work_order_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"client_event_id" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"ticket_id" uuid,
	"customer_id" uuid NOT NULL,
	"project_id" uuid,
	"asset_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"engineer_id" uuid,
	"emergency" boolean DEFAULT false NOT NULL,
	"summary" text NOT NULL,
	"scheduled_at" timestamp with time zone,
	"diagnosis" jsonb,
	"plan" jsonb,
	"temporary" jsonb,
	"report" jsonb,
	"time_spent_minutes" integer,
	"travel_km" double precision,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "work_order_events" ADD CONSTRAINT "work_order_events_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_events_client_idx" ON "work_order_events" USING btree ("client_event_id");--> statement-breakpoint
CREATE INDEX "work_order_events_wo_idx" ON "work_order_events" USING btree ("work_order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_number_idx" ON "work_orders" USING btree ("number");--> statement-breakpoint
CREATE INDEX "work_orders_engineer_idx" ON "work_orders" USING btree ("engineer_id","status");--> statement-breakpoint
CREATE INDEX "work_orders_status_idx" ON "work_orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_ticket_idx" ON "work_orders" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "work_orders_customer_idx" ON "work_orders" USING btree ("customer_id","created_at");