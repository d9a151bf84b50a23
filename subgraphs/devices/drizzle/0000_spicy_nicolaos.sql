CREATE SCHEMA "devices";
--> statement-breakpoint
CREATE TYPE "devices"."device_kind" AS ENUM('PULSE_OXIMETER', 'BLOOD_PRESSURE_MONITOR', 'GLUCOSE_METER', 'ECG_PATCH', 'THERMOMETER', 'WEIGHT_SCALE');--> statement-breakpoint
CREATE TYPE "devices"."device_status" AS ENUM('ACTIVE', 'INACTIVE', 'RETIRED');--> statement-breakpoint
CREATE TABLE "devices"."device_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"assigned_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"unassigned_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "devices"."devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"serial_number" text NOT NULL,
	"kind" "devices"."device_kind" NOT NULL,
	"model" text,
	"manufacturer" text,
	"firmware_version" text,
	"status" "devices"."device_status" DEFAULT 'ACTIVE' NOT NULL,
	"assigned_patient_id" uuid,
	"last_seen_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "devices"."device_assignments" ADD CONSTRAINT "device_assignments_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "devices"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_assignments_device_idx" ON "devices"."device_assignments" USING btree ("device_id","assigned_at");--> statement-breakpoint
CREATE INDEX "device_assignments_patient_idx" ON "devices"."device_assignments" USING btree ("patient_id","assigned_at");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_organization_serial_key" ON "devices"."devices" USING btree ("organization_id","serial_number");--> statement-breakpoint
CREATE INDEX "devices_assigned_patient_idx" ON "devices"."devices" USING btree ("assigned_patient_id");--> statement-breakpoint
CREATE INDEX "devices_created_idx" ON "devices"."devices" USING btree ("created_at","id");