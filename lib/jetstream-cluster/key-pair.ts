import { Construct } from "constructs";
import { checkOptionalInstance, fail } from "../core/validate";
import { terraformText } from "../core/terraform-text";
import { ComputeKeypairV2 } from "../imports/openstack/compute-keypair-v2";

const PUBLIC_KEY =
  /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;

/**
 * The SSH key pair that admins log in to the VMs with.
 *
 * Always a public key you hold the private half of, or a key pair already in the project. The library never
 * asks OpenStack to generate a key: the generated private key would be stored in Terraform state.
 */
export class ClusterKeyPair {
  /**
   * Registers an OpenSSH public key (the contents of `~/.ssh/id_ed25519.pub`) as a new key pair.
   */
  public static fromPublicKey(publicKey: string): ClusterKeyPair {
    return new ClusterKeyPair(undefined, publicKey);
  }

  /**
   * A key pair that already exists in the project, by name (`openstack keypair list`).
   */
  public static fromName(name: string): ClusterKeyPair {
    return new ClusterKeyPair(name, undefined);
  }

  private constructor(
    private readonly existingName?: string,
    private readonly publicKey?: string,
  ) {}

  /**
   * Creates the key pair if needed and returns its name.
   *
   * @internal
   */
  public _bind(scope: Construct, name: string): string {
    if (this.existingName !== undefined) {
      if (typeof this.existingName !== "string" || this.existingName.trim() === "") {
        fail(scope, {
          prop: "keyPair",
          value: this.existingName,
          problem: "an existing key pair needs its name",
          allowed: "a name from `openstack keypair list`",
          fix: "pass the name, or use ClusterKeyPair.fromPublicKey",
        });
      }
      return terraformText(scope, "keyPair", this.existingName.trim())!;
    }
    const key = (this.publicKey ?? "").trim();
    if (/PRIVATE KEY/.test(key)) {
      fail(scope, {
        prop: "keyPair",
        value: "(a private key, not shown)",
        problem: "this is a private key; it must never leave your machine",
        allowed: "the public half, one line starting with ssh-ed25519, ssh-rsa or ecdsa-sha2-",
        fix: "pass the contents of the .pub file, and consider this private key exposed",
      });
    }
    if (!PUBLIC_KEY.test(key)) {
      fail(scope, {
        prop: "keyPair",
        value: key.length > 40 ? `${key.slice(0, 40)}...` : key,
        problem: "not an OpenSSH public key",
        allowed: "one line: <type> <base64> [comment], type ssh-ed25519, ssh-rsa or ecdsa-sha2-*",
        fix: "pass the contents of ~/.ssh/id_ed25519.pub (make one with ssh-keygen -t ed25519)",
      });
    }
    const keypair = new ComputeKeypairV2(scope, "KeyPair", { name, publicKey: terraformText(scope, "keyPair", key)! });
    return keypair.name;
  }
}

/** The keyPair prop as given, refused naming `keyPair` when it is no ClusterKeyPair. */
export function chosenKeyPair(scope: Construct, keyPair: ClusterKeyPair | undefined): ClusterKeyPair | undefined {
  const allowed = "ClusterKeyPair.fromPublicKey(...) or ClusterKeyPair.fromName(...)";
  return checkOptionalInstance(scope, "keyPair", keyPair, ClusterKeyPair, allowed);
}
