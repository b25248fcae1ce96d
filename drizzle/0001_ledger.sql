CREATE TABLE "ledger_checkpoints" (
	"size" bigint PRIMARY KEY NOT NULL,
	"root" "bytea" NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_cosignatures" (
	"checkpoint_size" bigint NOT NULL,
	"witness" text NOT NULL,
	"line" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_cosignatures_checkpoint_size_witness_pk" PRIMARY KEY("checkpoint_size","witness")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"idx" bigint PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL,
	"type" text NOT NULL,
	"district_id" uuid
);
--> statement-breakpoint
CREATE TABLE "ledger_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"frontier" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_subtrees" (
	"level" smallint NOT NULL,
	"idx" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "ledger_subtrees_level_idx_pk" PRIMARY KEY("level","idx")
);
--> statement-breakpoint
ALTER TABLE "ledger_cosignatures" ADD CONSTRAINT "ledger_cosignatures_checkpoint_size_ledger_checkpoints_size_fk" FOREIGN KEY ("checkpoint_size") REFERENCES "public"."ledger_checkpoints"("size") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entries_type_idx" ON "ledger_entries" USING btree ("type","idx");--> statement-breakpoint
CREATE INDEX "ledger_entries_district_idx" ON "ledger_entries" USING btree ("district_id","idx");