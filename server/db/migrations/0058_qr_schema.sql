CREATE TABLE "asset_labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"asset_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "label_otps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"ip" text,
	"code_hash" text NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "label_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"phone" text,
	"user_id" uuid,
	"joined" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "label_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"hotline" text NOT NULL,
	"otp_per_phone_per_hour" integer NOT NULL,
	"otp_per_address_per_hour" integer NOT NULL,
	"reports_per_asset_per_hour" integer NOT NULL,
	"photo_max_bytes" integer NOT NULL,
	"video_max_bytes" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "equipment_scans" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "asset_labels" ADD CONSTRAINT "asset_labels_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "asset_labels_code_idx" ON "asset_labels" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_labels_current_idx" ON "asset_labels" USING btree ("asset_id") WHERE "asset_labels"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "label_otps_phone_idx" ON "label_otps" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "label_otps_ip_idx" ON "label_otps" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "label_reports_asset_idx" ON "label_reports" USING btree ("asset_id","created_at");