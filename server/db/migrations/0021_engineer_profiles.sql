CREATE TABLE "engineer_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"home_region" text,
	"latitude" double precision,
	"longitude" double precision,
	"work_days" integer[] DEFAULT '{1,2,3,4,5}'::int[] NOT NULL,
	"work_start" integer DEFAULT 510 NOT NULL,
	"work_end" integer DEFAULT 1050 NOT NULL,
	"leave" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
