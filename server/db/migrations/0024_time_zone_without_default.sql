ALTER TABLE "users" ALTER COLUMN "time_zone" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "time_zone" DROP DEFAULT;