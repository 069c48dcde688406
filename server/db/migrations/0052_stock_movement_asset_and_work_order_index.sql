ALTER TABLE "stock_movements" ADD COLUMN "asset_id" uuid;--> statement-breakpoint
CREATE INDEX "stock_movements_work_order_idx" ON "stock_movements" USING btree ("work_order_ref");