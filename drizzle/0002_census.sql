CREATE TABLE "census_groups" (
	"district_id" uuid PRIMARY KEY NOT NULL,
	"size" integer DEFAULT 0 NOT NULL,
	"root" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "census_invitation_codes" (
	"code_hash" "bytea" PRIMARY KEY NOT NULL,
	"district_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"created_by" text,
	"used" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "census_members" (
	"district_id" uuid NOT NULL,
	"member_index" integer NOT NULL,
	"commitment" text NOT NULL,
	"code_hash" "bytea" NOT NULL,
	"removed_at" timestamp with time zone,
	"removal_reason" text,
	CONSTRAINT "census_members_district_id_member_index_pk" PRIMARY KEY("district_id","member_index"),
	CONSTRAINT "census_members_code_hash_unique" UNIQUE("code_hash"),
	CONSTRAINT "census_members_commitment_unique" UNIQUE("district_id","commitment")
);
--> statement-breakpoint
CREATE TABLE "census_nodes" (
	"district_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"idx" integer NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "census_nodes_district_id_level_idx_pk" PRIMARY KEY("district_id","level","idx")
);
--> statement-breakpoint
ALTER TABLE "census_groups" ADD CONSTRAINT "census_groups_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_invitation_codes" ADD CONSTRAINT "census_invitation_codes_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_invitation_codes" ADD CONSTRAINT "census_invitation_codes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_members" ADD CONSTRAINT "census_members_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_members" ADD CONSTRAINT "census_members_code_hash_census_invitation_codes_code_hash_fk" FOREIGN KEY ("code_hash") REFERENCES "public"."census_invitation_codes"("code_hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_nodes" ADD CONSTRAINT "census_nodes_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "census_invitation_codes_district_idx" ON "census_invitation_codes" USING btree ("district_id","batch_id");