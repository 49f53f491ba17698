import { expectClearRejection } from "./support/bad-input";
import { HUB_CASES } from "./support/hub-bad-inputs";

describe("bad inputs to the hub constructs", () => {
  test.each(HUB_CASES)(
    "fails on %s, naming the prop, the value, what is allowed and the fix",
    (_, prop, value, input) => {
      expectClearRejection(input, prop, value);
    },
  );
});
