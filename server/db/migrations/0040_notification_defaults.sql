CREATE TABLE "notification_defaults" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"channels" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
