CREATE TABLE "parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"part_number" text NOT NULL,
	"name" text NOT NULL,
	"specification" text,
	"unit" text DEFAULT '个' NOT NULL,
	"genuine" boolean DEFAULT true NOT NULL,
	"wearing" boolean DEFAULT false NOT NULL,
	"cost_fen" integer,
	"factory_price_fen" integer,
	"sale_price_fen" integer,
	"shelf_life_months" integer,
	"fits_product_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reorder_rules" (
	"part_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"reorder_point" integer NOT NULL,
	"reorder_quantity" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reorder_rules_part_id_location_id_pk" PRIMARY KEY("part_id","location_id"),
	CONSTRAINT "reorder_rules_nonneg" CHECK ("reorder_rules"."reorder_point" >= 0 and "reorder_rules"."reorder_quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "replenishment_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"part_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"available" integer NOT NULL,
	"reorder_point" integer NOT NULL,
	"suggested_quantity" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stock_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"part_id" uuid NOT NULL,
	"code" text NOT NULL,
	"received_on" date NOT NULL,
	"shelf_warranty_ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_count_lines" (
	"count_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"condition" text NOT NULL,
	"expected" integer NOT NULL,
	"counted" integer,
	CONSTRAINT "stock_count_lines_count_id_part_id_batch_id_condition_pk" PRIMARY KEY("count_id","part_id","batch_id","condition"),
	CONSTRAINT "stock_count_lines_counted_nonneg" CHECK ("stock_count_lines"."counted" is null or "stock_count_lines"."counted" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_counts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"location_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_levels" (
	"location_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"condition" text NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_levels_location_id_part_id_batch_id_condition_pk" PRIMARY KEY("location_id","part_id","batch_id","condition"),
	CONSTRAINT "stock_levels_on_hand_nonneg" CHECK ("stock_levels"."on_hand" >= 0),
	CONSTRAINT "stock_levels_reserved_nonneg" CHECK ("stock_levels"."reserved" >= 0),
	CONSTRAINT "stock_levels_reserved_le_on_hand" CHECK ("stock_levels"."reserved" <= "stock_levels"."on_hand")
);
--> statement-breakpoint
CREATE TABLE "stock_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"keeper_id" uuid,
	"region" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"part_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"condition" text NOT NULL,
	"from_location_id" uuid,
	"to_location_id" uuid,
	"quantity" integer NOT NULL,
	"reservation_id" uuid,
	"ticket_id" uuid,
	"work_order_ref" text,
	"count_id" uuid,
	"serial" text,
	"reason" text,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	CONSTRAINT "stock_movements_quantity_pos" CHECK ("stock_movements"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "stock_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"part_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"open" integer NOT NULL,
	"quantity" integer NOT NULL,
	"ticket_id" uuid,
	"work_order_ref" text,
	"emergency" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_reservations_open_range" CHECK ("stock_reservations"."open" >= 0 and "stock_reservations"."open" <= "stock_reservations"."quantity")
);
--> statement-breakpoint
ALTER TABLE "reorder_rules" ADD CONSTRAINT "reorder_rules_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reorder_rules" ADD CONSTRAINT "reorder_rules_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_batches" ADD CONSTRAINT "stock_batches_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_count_lines" ADD CONSTRAINT "stock_count_lines_count_id_stock_counts_id_fk" FOREIGN KEY ("count_id") REFERENCES "public"."stock_counts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_batch_id_stock_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."stock_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "parts_number_idx" ON "parts" USING btree (lower("part_number"));--> statement-breakpoint
CREATE INDEX "parts_name_trgm_idx" ON "parts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "replenishment_alerts_open_idx" ON "replenishment_alerts" USING btree ("part_id","location_id") WHERE "replenishment_alerts"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "stock_batches_part_code_idx" ON "stock_batches" USING btree ("part_id","code");--> statement-breakpoint
CREATE INDEX "stock_levels_part_idx" ON "stock_levels" USING btree ("part_id","location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_code_idx" ON "stock_locations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "stock_locations_keeper_idx" ON "stock_locations" USING btree ("keeper_id");--> statement-breakpoint
CREATE INDEX "stock_movements_part_idx" ON "stock_movements" USING btree ("part_id","at");--> statement-breakpoint
CREATE INDEX "stock_movements_from_idx" ON "stock_movements" USING btree ("from_location_id","at");--> statement-breakpoint
CREATE INDEX "stock_movements_to_idx" ON "stock_movements" USING btree ("to_location_id","at");--> statement-breakpoint
CREATE INDEX "stock_movements_ticket_idx" ON "stock_movements" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "stock_reservations_ticket_idx" ON "stock_reservations" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "stock_reservations_open_idx" ON "stock_reservations" USING btree ("part_id","location_id") WHERE "stock_reservations"."open" > 0;