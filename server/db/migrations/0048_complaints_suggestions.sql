CREATE TABLE "complaint_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "complaint_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"complaint_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"round" integer NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "complaint_flags" (
	"complaint_id" uuid NOT NULL,
	"target" text NOT NULL,
	"round" integer NOT NULL,
	"level" text NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaint_flags_complaint_id_target_round_level_pk" PRIMARY KEY("complaint_id","target","round","level")
);
--> statement-breakpoint
CREATE TABLE "complaint_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "complaint_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"handle_hours" integer NOT NULL,
	"on_site_hours" integer NOT NULL,
	"solution_hours" integer NOT NULL,
	"replacement_hours" integer NOT NULL,
	"feedback_hours" integer NOT NULL,
	"warning_lead_hours" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"complainant_name" text NOT NULL,
	"contact_phone" text,
	"contact_email" text,
	"language" text DEFAULT 'zh-CN' NOT NULL,
	"matter" text NOT NULL,
	"category" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"against_user_id" uuid,
	"against_team" text,
	"ticket_id" uuid,
	"work_order_id" uuid,
	"asset_id" uuid,
	"product_name" text,
	"region" text,
	"defect" boolean DEFAULT false NOT NULL,
	"file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'accepted' NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"responsible_user_id" uuid,
	"department" text,
	"facts" text,
	"root_cause" text,
	"root_cause_note" text,
	"solution" text,
	"upheld" boolean,
	"immediate" boolean,
	"expected_answer_at" timestamp with time zone NOT NULL,
	"handled_at" timestamp with time zone,
	"last_handled_at" timestamp with time zone,
	"solution_at" timestamp with time zone,
	"on_site_at" timestamp with time zone,
	"replaced_at" timestamp with time zone,
	"feedback_asked_at" timestamp with time zone,
	"satisfied" boolean,
	"feedback_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	"next_flag_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" uuid,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"contact_email" text,
	"language" text DEFAULT 'zh-CN' NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"feasible" boolean,
	"cost_estimate_fen" bigint,
	"evaluation_note" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"customer_told_at" timestamp with time zone,
	"effect_note" text,
	"effect_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_flags" ADD CONSTRAINT "complaint_flags_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_milestones" ADD CONSTRAINT "complaint_milestones_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_suggestions" ADD CONSTRAINT "improvement_suggestions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("complaint_id","at");--> statement-breakpoint
CREATE INDEX "complaint_milestones_complaint_idx" ON "complaint_milestones" USING btree ("complaint_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_number_key" ON "complaints" USING btree ("number");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("customer_id","received_at");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "complaints_against_idx" ON "complaints" USING btree ("against_user_id","received_at");--> statement-breakpoint
CREATE INDEX "complaints_last_handled_idx" ON "complaints" USING btree ("last_handled_at");--> statement-breakpoint
CREATE INDEX "complaints_next_flag_idx" ON "complaints" USING btree ("next_flag_at") WHERE "complaints"."next_flag_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "improvement_suggestions_number_key" ON "improvement_suggestions" USING btree ("number");--> statement-breakpoint
CREATE INDEX "improvement_suggestions_customer_idx" ON "improvement_suggestions" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "improvement_suggestions_created_idx" ON "improvement_suggestions" USING btree ("created_at","id");