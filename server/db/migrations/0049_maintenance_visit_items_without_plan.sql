ALTER TABLE "maintenance_visit_items" ALTER COLUMN "plan_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "maintenance_visit_items" ALTER COLUMN "reason" DROP NOT NULL;