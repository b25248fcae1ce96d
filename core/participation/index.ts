export {
  commentMessage,
  proposalMessage,
  supportMessage,
  type TCommentContent,
  type TProposalContent,
} from "./content-message";
export { participationScope, type TParticipationAct } from "./participation-scope";
export { processBallot, type TBallotProposal } from "./process-ballot";
export { proposalProblem } from "./proposal-problem";
export { responseProblem } from "./response-problem";
