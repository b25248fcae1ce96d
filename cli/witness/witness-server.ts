import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encodeBase64 } from "../../core/encoding";
import { formatVerifierKey, type NoteSigner, SIGNATURE_TYPE_COSIGNATURE_V1 } from "../../core/note";
import type { WriteFileAtomicOptions } from "../write-file-atomic";
import {
  type AddCheckpointResponse,
  handleAddCheckpoint,
  type Witness,
  type WitnessLog,
} from "./add-checkpoint";
import { createKeyedMutex } from "./keyed-mutex";
import { openWitnessStateStore } from "./witness-state-store";

/**
 * Largest accepted request body. A request holds 63 proof lines at most (about 2.8 KiB) and a
 * checkpoint with its signatures; 64 KiB leaves room for many cosignatures while keeping a hostile
 * client from making the witness buffer megabytes.
 */
export const MAX_REQUEST_BODY = 64 * 1024;

export interface WitnessServerOptions {
  /** The witness's cosignature/v1 signer key (type 0x04). */
  readonly signer: NoteSigner;
  /** The logs to follow; each origin at most once. */
  readonly logs: readonly WitnessLog[];
  readonly stateDir: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 7380; 0 picks a free port. */
  readonly port?: number;
  /** One line per request and per event; default console.log. */
  readonly log?: (line: string) => void;
  /** POSIX seconds for cosignature timestamps; default the system clock. */
  readonly now?: () => bigint;
  /** For crash tests only (see writeFileAtomic). */
  readonly beforeRename?: WriteFileAtomicOptions["beforeRename"];
}

export interface WitnessServer {
  /** "http://host:port", the witness's submission prefix. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The witness's public key as a verifier key string, for logs' PLAZA_WITNESSES. */
  readonly verifierKey: string;
  close(): Promise<void>;
}

/**
 * Starts a c2sp.org/tlog-witness witness on node:http: POST /add-checkpoint (see
 * handleAddCheckpoint) and GET / with a short text status. The state directory is locked and
 * loaded before the port opens, so the first request already sees every log's recorded size.
 */
export async function startWitnessServer(options: WitnessServerOptions): Promise<WitnessServer> {
  if (options.signer.type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw new TypeError(
      "the witness key must be a cosignature/v1 key (type 0x04); make one with plaza keygen --witness",
    );
  }
  const logs = new Map<string, WitnessLog>();
  for (const log of options.logs) {
    if (logs.has(log.origin)) throw new TypeError(`log origin ${log.origin} is configured twice`);
    logs.set(log.origin, log);
  }
  const log = options.log ?? ((line: string) => console.log(line));
  const store = await openWitnessStateStore(options.stateDir, { beforeRename: options.beforeRename });
  const witness: Witness = {
    signer: options.signer,
    logs,
    store,
    mutex: createKeyedMutex(),
    now: options.now ?? (() => BigInt(Math.floor(Date.now() / 1000))),
  };
  const verifierKey = formatVerifierKey(options.signer.name, options.signer.type, options.signer.publicKey);

  const server = createServer((req, res) => {
    const started = performance.now();
    route(witness, verifierKey, req)
      .catch(
        (e: unknown): AddCheckpointResponse => ({
          // An I/O failure while persisting: nothing was cosigned, the client may retry.
          status: 500,
          contentType: "text/plain; charset=utf-8",
          body: "internal error\n",
          summary: `internal error: ${(e as Error).message}`,
        }),
      )
      .then((response) => {
        send(res, response);
        const ms = (performance.now() - started).toFixed(1);
        log(
          `${new Date().toISOString()} ${req.method} ${pathOf(req)} ${response.status} ${response.summary} (${ms} ms)`,
        );
      });
  });
  // Bound slow clients: a request has seconds, not the default five minutes, to arrive.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 7380, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  }).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    host: address.address,
    port: address.port,
    verifierKey,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(() => store.close());
      return closing;
    },
  };
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? "/").split("?", 1)[0] ?? "/";
}

async function route(
  witness: Witness,
  verifierKey: string,
  req: IncomingMessage,
): Promise<AddCheckpointResponse> {
  const path = pathOf(req);
  if (path === "/add-checkpoint") {
    if (req.method !== "POST") {
      return {
        status: 405,
        contentType: "text/plain; charset=utf-8",
        body: "use POST\n",
        summary: "method not allowed",
      };
    }
    const body = await readBody(req);
    if (body === null) {
      return {
        status: 413,
        contentType: "text/plain; charset=utf-8",
        body: `request body larger than ${MAX_REQUEST_BODY} bytes\n`,
        summary: "body too large",
      };
    }
    return handleAddCheckpoint(witness, body);
  }
  if (path === "/" && (req.method === "GET" || req.method === "HEAD")) {
    return {
      status: 200,
      contentType: "text/plain; charset=utf-8",
      body: statusText(witness, verifierKey),
      summary: "status",
    };
  }
  return { status: 404, contentType: "text/plain; charset=utf-8", body: "not found\n", summary: "not found" };
}

/** The whole body, or null once it exceeds MAX_REQUEST_BODY (the rest is not buffered). */
async function readBody(req: IncomingMessage): Promise<Uint8Array | null> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_REQUEST_BODY) return null;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_REQUEST_BODY) return null;
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function send(res: ServerResponse, response: AddCheckpointResponse): void {
  const body = Buffer.from(response.body, "utf8");
  res.statusCode = response.status;
  res.setHeader("Content-Type", response.contentType);
  res.setHeader("Content-Length", body.length);
  res.setHeader("Cache-Control", "no-store");
  if (response.status === 405) res.setHeader("Allow", "POST");
  if (response.status === 413) {
    // The rest of an oversized body is not read: end the connection instead of draining it.
    res.setHeader("Connection", "close");
    res.on("finish", () => res.req.destroy());
  }
  res.end(res.req.method === "HEAD" ? undefined : body);
}

function statusText(witness: Witness, verifierKey: string): string {
  const lines = ["plaza witness (c2sp.org/tlog-witness)", `verifier key: ${verifierKey}`, "", "logs:"];
  for (const origin of [...witness.logs.keys()].sort()) {
    const state = witness.store.get(origin);
    lines.push(
      state === undefined
        ? `  ${origin}: nothing cosigned yet`
        : `  ${origin}: size ${state.size}, root ${encodeBase64(state.rootHash)}, cosigned at ${new Date(Number(state.cosignedAt) * 1000).toISOString()}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
