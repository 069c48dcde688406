CREATE TABLE "sla_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"event" text NOT NULL,
	"status" text,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_firings" (
	"target_id" uuid NOT NULL,
	"level" text NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sla_firings_target_id_level_pk" PRIMARY KEY("target_id","level")
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"conditions" jsonb NOT NULL,
	"targets" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"policy_id" uuid,
	"policy_version" integer,
	"metric" text NOT NULL,
	"definition" jsonb NOT NULL,
	"state" text NOT NULL,
	"started_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"warn_at" timestamp with time zone,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"met_at" timestamp with time zone,
	"breached" boolean DEFAULT false NOT NULL,
	"breached_by" integer DEFAULT 0 NOT NULL,
	"next_fire_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sla_firings" ADD CONSTRAINT "sla_firings_target_id_sla_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."sla_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_events_ticket_idx" ON "sla_events" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE INDEX "sla_policies_position_idx" ON "sla_policies" USING btree ("position");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_default_idx" ON "sla_policies" USING btree ("is_default") WHERE "sla_policies"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "sla_targets_ticket_metric_idx" ON "sla_targets" USING btree ("ticket_id","metric");--> statement-breakpoint
CREATE INDEX "sla_targets_next_fire_idx" ON "sla_targets" USING btree ("next_fire_at") WHERE "sla_targets"."next_fire_at" is not null;--> statement-breakpoint
CREATE INDEX "sla_targets_running_due_idx" ON "sla_targets" USING btree ("due_at") WHERE "sla_targets"."state" = 'running';