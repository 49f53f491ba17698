import { Construct } from "constructs";
import { HomeBackups, Secret } from "../lib";

// Placeholders the examples share. Replace them with your own before deploying:
//  - the ACCESS allocation id of your Jetstream2 project, in lower case;
//  - the network you administer from (your address as /32);
//  - your SSH public key (the .pub file; never the private key).

/** Your Jetstream2 allocation id (lower case). */
export const EXAMPLE_ALLOCATION = "cis230085";
/** The network SSH is allowed from (a documentation address range here). */
export const EXAMPLE_ADMIN_CIDR = "198.51.100.0/24";
/** An SSH public key (a syntactically valid placeholder that no private key matches). */
export const EXAMPLE_PUBLIC_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleExampleExampleExampleExampleExample0 admin@example.org";

/**
 * Nightly backups of the homes into the allocation's object store (docs/home-backups.md). Before deploying:
 * `openstack container create cis230085-home-backups`, `openstack ec2 credentials create`, and export
 * TF_VAR_backup_access_key, TF_VAR_backup_secret_key and TF_VAR_backup_repository_password (kept in the team's
 * password manager too: without it the backups cannot be read).
 */
export function exampleBackups(scope: Construct): HomeBackups {
  return HomeBackups.toObjectStore({
    bucket: `${EXAMPLE_ALLOCATION}-home-backups`,
    accessKeyId: Secret.fromEnvironment(scope, "backup_access_key"),
    secretAccessKey: Secret.fromEnvironment(scope, "backup_secret_key"),
    repositoryPassword: Secret.fromEnvironment(scope, "backup_repository_password"),
  });
}
