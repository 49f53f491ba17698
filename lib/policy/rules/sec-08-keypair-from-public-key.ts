import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-SEC-08: key pairs are registered from a public key. */
export const keypairFromPublicKey: PolicyRule = {
  id: "JSH-SEC-08",
  title: "Every key pair registers a public key (OpenStack never generates the private key)",
  explanation:
    "A key pair without public_key makes OpenStack generate one, and the private half is stored in the state. " +
    "Register your own public key (ClusterKeyPair.fromPublicKey) or use an existing key pair by name.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc
      .resources("openstack_compute_keypair_v2")
      .filter((k) => typeof k.body.public_key !== "string" || k.body.public_key.trim() === "")
      .map((k) => finding(k.address, "no public_key: the generated private key would be stored in the state")),
};
