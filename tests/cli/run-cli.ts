import { main } from "@/cli/main";

/** Runs `plaza <args>` in-process, capturing what it writes and its exit code. */
export async function runCli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}
