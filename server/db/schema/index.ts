export { accounts } from "./accounts";
export { councilMembers } from "./council-members";
export { districts } from "./districts";
export { instanceSettings } from "./instance-settings";
export { outboxMessages } from "./outbox-messages";
export { sessions } from "./sessions";
export { users } from "./users";
export { verificationTokens } from "./verification-tokens";
