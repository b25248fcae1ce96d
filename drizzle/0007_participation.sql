CREATE TABLE "census_roots" (
	"district_id" uuid NOT NULL,
	"root" text NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "census_roots_district_id_root_pk" PRIMARY KEY("district_id","root")
);
--> statement-breakpoint
CREATE TABLE "participation_nullifiers" (
	"scope" text NOT NULL,
	"nullifier" text NOT NULL,
	"entry_hash" "bytea" NOT NULL,
	"entry_index" bigint NOT NULL,
	CONSTRAINT "participation_nullifiers_scope_nullifier_pk" PRIMARY KEY("scope","nullifier")
);
--> statement-breakpoint
CREATE TABLE "proposal_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"proposal_id" uuid NOT NULL,
	"parent_id" uuid,
	"body" text NOT NULL,
	"author_kind" text NOT NULL,
	"author_user_id" text,
	"author_name" text,
	"entry_index" bigint NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"hidden_reason" text,
	"moderation_entry" bigint
);
--> statement-breakpoint
CREATE TABLE "proposal_responses" (
	"entry_index" bigint PRIMARY KEY NOT NULL,
	"proposal_id" uuid NOT NULL,
	"status" text NOT NULL,
	"body" text NOT NULL,
	"author_user_id" text,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"process_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text,
	"cost_estimate" bigint,
	"location" text,
	"author_kind" text NOT NULL,
	"author_user_id" text,
	"author_name" text,
	"entry_index" bigint NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"advanced_entry" bigint,
	"hidden" boolean DEFAULT false NOT NULL,
	"hidden_reason" text,
	"moderation_entry" bigint
);
--> statement-breakpoint
ALTER TABLE "census_groups" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "census_groups" ADD COLUMN "last_removal_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "process_id" uuid;--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "proposal_ids" jsonb;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "census_root" text;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "census_depth" integer;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "census_size" integer;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "census_version" integer;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "phase" text;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "ballot_poll_id" uuid;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "deadline_handled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "overdue_entry" bigint;--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "census_roots" ADD CONSTRAINT "census_roots_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_responses" ADD CONSTRAINT "proposal_responses_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_responses" ADD CONSTRAINT "proposal_responses_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_comments_proposal_idx" ON "proposal_comments" USING btree ("proposal_id","entry_index");--> statement-breakpoint
CREATE INDEX "proposal_responses_proposal_idx" ON "proposal_responses" USING btree ("proposal_id","entry_index");--> statement-breakpoint
CREATE INDEX "proposals_process_idx" ON "proposals" USING btree ("process_id","entry_index");--> statement-breakpoint
CREATE INDEX "processes_due_idx" ON "processes" USING btree ("next_due_at");--> statement-breakpoint
-- Census versions and root history for the census that existed before: every member entry on
-- the ledger is one change, numbered in ledger order per district.
INSERT INTO "census_roots" ("district_id", "root", "version")
SELECT "district_id", "root", "version" FROM (
  SELECT e."district_id",
    convert_from(e."data", 'UTF8')::jsonb ->> 'root' AS "root",
    (row_number() OVER (PARTITION BY e."district_id" ORDER BY e."idx"))::integer AS "version"
  FROM "ledger_entries" AS e
  WHERE e."type" IN ('member_added', 'member_removed') AND e."district_id" IS NOT NULL
) AS h
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "census_groups" AS g
SET "version" = h."version", "last_removal_version" = h."last_removal"
FROM (
  SELECT "district_id", count(*)::integer AS "version",
    coalesce(max(CASE WHEN "type" = 'member_removed' THEN "n" END), 0)::integer AS "last_removal"
  FROM (
    SELECT "district_id", "type", row_number() OVER (PARTITION BY "district_id" ORDER BY "idx") AS "n"
    FROM "ledger_entries" WHERE "type" IN ('member_added', 'member_removed') AND "district_id" IS NOT NULL
  ) AS m
  GROUP BY "district_id"
) AS h
WHERE g."district_id" = h."district_id";
--> statement-breakpoint
-- Processes started before: the scheduler looks at each once, then keeps its own next time.
UPDATE "processes" SET "next_due_at" = now() WHERE "next_due_at" IS NULL;
