CREATE TABLE "audit"."ledger" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit"."chains" ADD COLUMN "legacy_until" bigint DEFAULT 0 NOT NULL;