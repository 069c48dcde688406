ALTER TABLE "contracts" ADD COLUMN "labour_cost_rate_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "travel_cost_fee_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "lifetime_cost_repair" boolean DEFAULT false NOT NULL;