import { isBroadPublicRange, isWorldOpen, parseCidr } from "../../lib/core/network-address";

describe("parseCidr", () => {
  test.each([
    ["10.0.0.0/24", { version: 4, prefix: 24, hostBitsSet: false, canonical: "10.0.0.0/24", size: 256 }],
    ["10.0.0.1/24", { version: 4, prefix: 24, hostBitsSet: true, canonical: "10.0.0.0/24" }],
    ["203.0.113.7/32", { version: 4, prefix: 32, hostBitsSet: false, size: 1 }],
    ["0.0.0.0/0", { version: 4, prefix: 0, canonical: "0.0.0.0/0" }],
    ["2001:db8::/48", { version: 6, prefix: 48, hostBitsSet: false }],
    ["2001:db8::1/48", { version: 6, hostBitsSet: true }],
    ["::/0", { version: 6, prefix: 0 }],
  ])("parses %s", (text, expected) => {
    expect(parseCidr(text)).toMatchObject(expected);
  });

  test.each([
    "10.0.0.0/33",
    "300.1.1.0/24",
    "10.0.0/24",
    "",
    "any",
    "10.0.0.0",
    "1.2.3.04/32",
    "2001:db8:::/48",
    "::/129",
  ])("rejects %p", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  test("isWorldOpen is true only for /0", () => {
    expect(isWorldOpen(parseCidr("0.0.0.0/0")!)).toBe(true);
    expect(isWorldOpen(parseCidr("::/0")!)).toBe(true);
    expect(isWorldOpen(parseCidr("0.0.0.0/1")!)).toBe(false);
  });
});

describe("isBroadPublicRange", () => {
  test.each([
    ["0.0.0.0/1", true],
    ["128.0.0.0/1", true],
    ["149.165.0.0/15", true],
    ["149.165.0.0/16", false],
    ["198.51.100.7/32", false],
    ["10.0.0.0/8", false],
    ["172.16.0.0/12", false],
    ["100.64.0.0/10", false],
    ["2001:db8::/32", true],
    ["2001:db8::/48", false],
    ["fd00::/8", false],
  ])("%s: %p", (text, broad) => {
    expect(isBroadPublicRange(parseCidr(text)!)).toBe(broad);
  });
});
