CREATE TABLE "report_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"email" text,
	"lang" text NOT NULL,
	"weekly" boolean NOT NULL,
	"monthly" boolean NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"project_id" uuid,
	"customer_id" uuid,
	"figures" jsonb NOT NULL,
	"empty" boolean NOT NULL,
	"trigger" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"generated_by" uuid,
	"emailed_to" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_subscribers" (
	"customer_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_recipients" ADD CONSTRAINT "report_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscribers" ADD CONSTRAINT "report_subscribers_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscribers" ADD CONSTRAINT "report_subscribers_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_recipients_user_idx" ON "report_recipients" USING btree ("user_id") WHERE "report_recipients"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "report_recipients_email_idx" ON "report_recipients" USING btree (lower("email")) WHERE "report_recipients"."email" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "report_runs_period_idx" ON "report_runs" USING btree ("kind","period",coalesce("project_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "report_runs_generated_idx" ON "report_runs" USING btree ("kind","generated_at");--> statement-breakpoint
CREATE INDEX "report_runs_customer_idx" ON "report_runs" USING btree ("customer_id","period") WHERE "report_runs"."customer_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "report_subscribers_pk" ON "report_subscribers" USING btree ("customer_id","contact_id");