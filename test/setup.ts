import { types } from "util";
import { Testing } from "cdktf";

Testing.setupJest();

// cdktf records where each token was made: every Intrinsic, Lazy and computed attribute calls its captureStackTrace
// (cdktf 0.21.0, lib/tokens/private/stack-trace.js), which lifts Error.stackTraceLimit to Number.MAX_SAFE_INTEGER,
// captures into a plain object and reads `.stack` at once. Jest maps every frame of every trace through source
// maps: those creation stacks took about a fifth of the suite's CPU, and still 6% when cut to 12 unmapped frames.
// They only decorate cdktf's own token errors, which no test reads, so a capture into anything but an Error records
// nothing here (cdktf then keeps an empty creation stack). Errors keep their whole, source-mapped trace. To see the
// creation stacks while debugging a token error, run with JETSTREAM_TEST_CREATION_STACKS=1.
if (!process.env.JETSTREAM_TEST_CREATION_STACKS) {
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target: object, below?: (...args: any[]) => any) => {
    if (types.isNativeError(target) || target instanceof Error) capture(target, below);
  };
}
