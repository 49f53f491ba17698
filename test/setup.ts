import { Testing } from "cdktf";

Testing.setupJest();

// cdktf records where each token was made: every Intrinsic, Lazy and computed attribute calls its captureStackTrace
// (cdktf 0.21.0, lib/tokens/private/stack-trace.js), which lifts Error.stackTraceLimit to Number.MAX_SAFE_INTEGER,
// captures into a plain object and reads `.stack` at once. Jest maps every frame of every trace through source
// maps, so under jest those creation stacks took about a fifth of the suite's CPU. A capture into anything but an
// Error is that bookkeeping: it keeps the 12 frames nearest the token, formatted as V8 does without jest. Errors
// keep their whole, source-mapped trace.
const capture = Error.captureStackTrace;
const CREATION_FRAMES = 12;
const plain = (_: unknown, frames: NodeJS.CallSite[]) => `Error\n${frames.map((f) => `    at ${f}`).join("\n")}`;
Error.captureStackTrace = (target: object, below?: (...args: any[]) => any) => {
  if (target instanceof Error) return capture(target, below);
  const { stackTraceLimit, prepareStackTrace } = Error;
  Error.stackTraceLimit = CREATION_FRAMES;
  Error.prepareStackTrace = plain;
  try {
    capture(target, below);
    void (target as { stack?: unknown }).stack; // formats now, while `plain` is the formatter
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    Error.prepareStackTrace = prepareStackTrace;
  }
};
