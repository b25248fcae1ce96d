export { ballotMessage } from "./ballot-message";
export { fieldHash } from "./field-hash";
export { type CastVote, latestVotes } from "./latest-votes";
export { pollScope } from "./poll-scope";
export { type BudgetTally, tallyBudgetVotes } from "./tally-budget-votes";
export { type PollTally, tallyPoll } from "./tally-poll";
export { type RankedRound, type RankedTally, tallyRankedVotes } from "./tally-ranked-votes";
export { type SimpleTally, tallyVotes } from "./tally-votes";
export { type BallotCheck, type TBallotMethod, validateBallot } from "./validate-ballot";
