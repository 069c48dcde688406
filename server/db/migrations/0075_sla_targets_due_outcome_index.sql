DROP INDEX "sla_targets_due_idx";--> statement-breakpoint
CREATE INDEX "sla_targets_due_outcome_idx" ON "sla_targets" USING btree ("due_at","breached","state","metric");