CREATE TABLE "follow_up_schedules" (
	"rule" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid,
	"contact_id" uuid,
	"anchor_on" date NOT NULL,
	"next_on" date NOT NULL,
	CONSTRAINT "follow_up_schedules_rule_subject_id_pk" PRIMARY KEY("rule","subject_id")
);
--> statement-breakpoint
DROP INDEX "work_orders_repair_completed_idx";--> statement-breakpoint
CREATE INDEX "follow_up_schedules_next_idx" ON "follow_up_schedules" USING btree ("next_on");--> statement-breakpoint
CREATE INDEX "follow_up_schedules_project_idx" ON "follow_up_schedules" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "acceptance_records_created_idx" ON "acceptance_records" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "assets_updated_idx" ON "assets" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "projects_updated_idx" ON "projects" USING btree ("updated_at");