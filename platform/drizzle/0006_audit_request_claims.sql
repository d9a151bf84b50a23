CREATE TABLE "audit"."request_claims" (
	"claim" text PRIMARY KEY NOT NULL,
	"fields" text[] NOT NULL,
	"previous" text[] NOT NULL,
	"claimed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "request_claims_time_idx" ON "audit"."request_claims" USING btree ("claimed_at");