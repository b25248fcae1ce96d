import type { z } from "zod";
import { AppError } from "../errors/app-error";

/** Parses a request with its schema, or throws BAD_INPUT naming the first field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError(
    "BAD_INPUT",
    `The ${what} is malformed: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
  );
}
