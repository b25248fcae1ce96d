CREATE TABLE "votes" (
	"poll_id" uuid NOT NULL,
	"nullifier" text NOT NULL,
	"sequence" integer NOT NULL,
	"ballot" jsonb NOT NULL,
	"entry_hash" "bytea" NOT NULL,
	"entry_index" bigint NOT NULL,
	CONSTRAINT "votes_poll_id_nullifier_sequence_pk" PRIMARY KEY("poll_id","nullifier","sequence")
);
--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE restrict ON UPDATE no action;