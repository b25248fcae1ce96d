export { ballotMessage } from "./ballot-message";
export { fieldHash } from "./field-hash";
export { pollScope } from "./poll-scope";
export { type CastVote, latestVotes, type SimpleTally, tallyVotes } from "./tally-votes";
export { type BallotCheck, type TBallotMethod, validateBallot } from "./validate-ballot";
