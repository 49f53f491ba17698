import { TerraformVariable } from "cdktf";
import { JetstreamErrors } from "../../lib";
import { JetstreamValidationError } from "../../lib/core/errors";
import {
  checkCidrs,
  checkEmail,
  checkHostname,
  checkHttpsUrl,
  checkInteger,
  checkNonEmpty,
  checkNumber,
} from "../../lib/core/validate";
import { newStack } from "../support/synth";

const scope = () => newStack("v");

describe("validation helpers", () => {
  test("every message names the path, the prop, the value, what is allowed and the fix", () => {
    try {
      checkInteger(scope(), "count", 2.5, { min: 1, fix: "give a whole number" });
      throw new Error("did not throw");
    } catch (e) {
      expect(e).toBeInstanceOf(JetstreamValidationError);
      expect(JetstreamErrors.isValidationError(e)).toBe(true);
      expect((e as JetstreamValidationError).constructPath).toBe("v");
      expect((e as Error).message).toBe(
        "[v] count: must be a whole number in range; got 2.5. Allowed: an integer >= 1. Fix: give a whole number",
      );
    }
  });

  test("checks pass unresolved tokens through: they are known only at deploy time", () => {
    const s = scope();
    const n = new TerraformVariable(s, "n", { type: "number" });
    const t = new TerraformVariable(s, "t", { type: "string" });
    expect(() => checkInteger(s, "port", n.numberValue, { min: 1, fix: "", acceptsToken: true })).not.toThrow();
    expect(() => checkHostname(s, "domain", t.stringValue)).not.toThrow();
    const block = t.stringValue;
    expect(checkCidrs(s, "cidrs", [block], { allowWorld: false, what: "SSH" })).toEqual([block]);
  });

  test("fails when a token reaches a prop that needs a literal, without printing the token's number", () => {
    const s = scope();
    const n = new TerraformVariable(s, "n", { type: "number" });
    const list = new TerraformVariable(s, "l", { type: "list(string)" });
    expect(() => checkInteger(s, "count", n.numberValue, { min: 1, fix: "" })).toThrow(
      /^\[v\] count: must be known at synth time, since .*; got a token \(a value known only at deploy time\)\./,
    );
    expect(() => checkInteger(s, "count", n.numberValue, { min: 1, fix: "" })).not.toThrow(/e\+|-\d{6}/);
    expect(() => checkCidrs(s, "cidrs", list.listValue, { allowWorld: false, what: "SSH" })).toThrow(
      /cidrs: must be known at synth time, since each block becomes a firewall rule/,
    );
  });

  test("checkCidrs writes what it checked: trimmed, canonical, once", () => {
    expect(
      checkCidrs(scope(), "cidrs", [" 198.51.100.0/24\n", "2001:DB8:0::/48", "198.51.100.0/24", "2001:db8::/48"], {
        allowWorld: false,
        what: "SSH",
      }),
    ).toEqual(["198.51.100.0/24", "2001:db8::/48"]);
  });

  test("checkCidrs fails on holes and nulls from plain JavaScript, naming the prop", () => {
    for (const bad of [[, "10.0.0.0/8"], [null], [undefined]] as any[]) {
      expect(() => checkCidrs(scope(), "cidrs", bad, { allowWorld: false, what: "SSH" })).toThrow(
        /^\[v\] cidrs: not a CIDR block; got (undefined|null)/,
      );
    }
  });

  test.each([[0], [-1], [2.5], [NaN], [101]])("checkInteger fails when given %p for 1..100", (value) => {
    expect(() => checkInteger(scope(), "count", value, { min: 1, max: 100, fix: "x" })).toThrow(
      /count: must be a whole number in range.*an integer from 1 to 100/,
    );
  });

  test("checkNumber honours an exclusive minimum", () => {
    expect(() => checkNumber(scope(), "cpu", 0, { min: 0, exclusiveMin: true, fix: "x" })).toThrow(
      /cpu: .*a number > 0/,
    );
    expect(checkNumber(scope(), "cpu", 0.5, { min: 0, exclusiveMin: true, fix: "x" })).toBe(0.5);
  });

  test("checkNonEmpty fails when the string is blank", () => {
    expect(() => checkNonEmpty(scope(), "clientId", "  ", "register the app")).toThrow(/clientId: must not be empty/);
  });

  test("checkCidrs fails when a block is world-open, malformed or has host bits", () => {
    const opts = { allowWorld: false, what: "SSH" };
    expect(() => checkCidrs(scope(), "adminCidrs", ["0.0.0.0/0"], opts)).toThrow(
      /adminCidrs: would open SSH to the whole Internet; got "0.0.0.0\/0"/,
    );
    expect(() => checkCidrs(scope(), "adminCidrs", ["::/0"], opts)).toThrow(/whole Internet/);
    // Two halves of the Internet are the Internet.
    expect(() => checkCidrs(scope(), "adminCidrs", ["0.0.0.0/1", "128.0.0.0/1"], opts)).toThrow(
      /adminCidrs: would open SSH to a public range wider than one organization's network; got "0.0.0.0\/1".*\/16 or narrower/,
    );
    expect(checkCidrs(scope(), "adminCidrs", ["10.0.0.0/8", "149.165.0.0/16"], opts)).toHaveLength(2);
    expect(() => checkCidrs(scope(), "adminCidrs", ["10.0.0.1/24"], opts)).toThrow(
      /host bits are set.*did you mean 10.0.0.0\/24\?/,
    );
    expect(() => checkCidrs(scope(), "adminCidrs", ["1.2.3.4"], opts)).toThrow(
      /not a CIDR block; got "1.2.3.4".*a single address is \/32/,
    );
    expect(() => checkCidrs(scope(), "adminCidrs", "10.0.0.0/8" as any, opts)).toThrow(/must be a list of CIDR blocks/);
    expect(checkCidrs(scope(), "webCidrs", ["0.0.0.0/0"], { allowWorld: true, what: "web" })).toEqual(["0.0.0.0/0"]);
  });

  test.each(["admin@", "not an email", "a@b"])("checkEmail fails when given %p", (value) => {
    expect(() => checkEmail(scope(), "contactEmail", value)).toThrow(/contactEmail: not an e-mail address/);
  });

  test("checkHostname fails on URLs, underscores, IPs, wildcards, capitals and over-long names", () => {
    expect(() => checkHostname(scope(), "domain", "https://hub.example.org/x")).toThrow(
      /a host name, not a URL.*drop the scheme: "hub.example.org"/,
    );
    expect(() => checkHostname(scope(), "domain", "hub_example.org")).toThrow(/not a valid lower-case DNS name/);
    expect(() => checkHostname(scope(), "domain", "*.hub.org")).toThrow(/not a valid lower-case DNS name/);
    expect(() => checkHostname(scope(), "domain", "Hub.example.org")).toThrow(/not a valid lower-case DNS name/);
    expect(() => checkHostname(scope(), "domain", "203.0.113.5")).toThrow(
      /domain: an IP address: Let's Encrypt certifies host names/,
    );
    expect(() => checkHostname(scope(), "domain", `${"a".repeat(60)}.example.org`)).toThrow(
      /longer than Let's Encrypt accepts/,
    );
    expect(checkHostname(scope(), "domain", "hub.cis230085.projects.jetstream-cloud.org")).toBe(
      "hub.cis230085.projects.jetstream-cloud.org",
    );
  });

  test("checkHttpsUrl fails on http and relative URLs", () => {
    expect(() => checkHttpsUrl(scope(), "repo", "http://github.com/x/y", "repository")).toThrow(
      /repo: must be an https:\/\/ URL \(repository\)/,
    );
    expect(() => checkHttpsUrl(scope(), "repo", "github.com/x/y", "repository")).toThrow(/https/);
  });
});
