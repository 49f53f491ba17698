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
