-- Votes and tallies name only their poll; the explorer's district filter needs the poll's district.
-- New appends derive it through the poll; this fills it in for entries appended before.
UPDATE "ledger_entries" AS e
SET "district_id" = p."district_id"
FROM "polls" AS p
WHERE e."district_id" IS NULL
  AND e."type" IN ('vote', 'poll_closed')
  AND p."id"::text = (convert_from(e."data", 'UTF8')::jsonb ->> 'pollId');
