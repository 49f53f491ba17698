import { JetstreamValidationError } from "./errors";
import { escapeTerraformTemplate } from "./terraform-text";

/**
 * The operating system an image boots, as far as the constructs need to know it.
 */
export enum ImageOs {
  /** Ubuntu. */
  UBUNTU = "ubuntu",
  /** Rocky Linux. */
  ROCKY = "rocky",
  /** Debian. */
  DEBIAN = "debian",
  /** Anything else. */
  OTHER = "other",
}

/**
 * A VM image: a Jetstream2 featured image by name, another image by name, or an exact image by id.
 *
 * Featured images are rebuilt weekly under the same name, so a name is what a new VM should boot; instances made
 * by this library ignore later image changes (a changed image would re-image the root disk). Nothing here ever
 * picks "the most recent" image by query.
 *
 * @see https://docs.jetstream-cloud.org/general/featured/
 */
export class JetstreamImage {
  /** Ubuntu 24.04 LTS, featured (with NVIDIA drivers). The default. */
  public static readonly FEATURED_UBUNTU24 = new JetstreamImage(
    "Featured-Ubuntu24",
    undefined,
    ImageOs.UBUNTU,
    "24.04",
  );
  /** Ubuntu 22.04 LTS, featured. */
  public static readonly FEATURED_UBUNTU22 = new JetstreamImage(
    "Featured-Ubuntu22",
    undefined,
    ImageOs.UBUNTU,
    "22.04",
  );
  /** Ubuntu 24.04 LTS, minimal featured image. */
  public static readonly FEATURED_MINIMAL_UBUNTU24 = new JetstreamImage(
    "Featured-Minimal-Ubuntu24",
    undefined,
    ImageOs.UBUNTU,
    "24.04",
  );
  /** Ubuntu 22.04 LTS, minimal featured image. */
  public static readonly FEATURED_MINIMAL_UBUNTU22 = new JetstreamImage(
    "Featured-Minimal-Ubuntu22",
    undefined,
    ImageOs.UBUNTU,
    "22.04",
  );
  /** Rocky Linux 9, featured. */
  public static readonly FEATURED_ROCKY9 = new JetstreamImage("Featured-RockyLinux9", undefined, ImageOs.ROCKY, "9");
  /** Rocky Linux 10, featured. */
  public static readonly FEATURED_ROCKY10 = new JetstreamImage("Featured-RockyLinux10", undefined, ImageOs.ROCKY, "10");

  /**
   * An image by name. Name the OS and version when a construct needs them (TLJH needs Ubuntu 22.04 or newer).
   *
   * @param name the Glance image name
   * @param os the operating system
   * @param osVersion its version, e.g. `24.04`
   */
  public static fromName(name: string, os?: ImageOs, osVersion?: string): JetstreamImage {
    if (typeof name !== "string" || name.trim() === "") {
      throw new JetstreamValidationError({
        prop: "image",
        value: name,
        problem: "an image name must be a non-empty string",
        allowed: "a Glance image name such as Featured-Ubuntu24",
        fix: "use JetstreamImage.FEATURED_UBUNTU24 or the exact name shown by `openstack image list`",
      });
    }
    // Glance compares names exactly: a trailing space copied from a table would name no image. The name becomes a
    // Terraform string, so template sequences in it are escaped.
    const trimmed = name.trim();
    const featured = FEATURED.find((f) => f.name === trimmed);
    if (featured && os === undefined) return featured;
    return new JetstreamImage(escapeTerraformTemplate(trimmed), undefined, os ?? ImageOs.OTHER, osVersion);
  }

  /**
   * An exact image by its Glance id: the same bits forever, until the image is deleted.
   */
  public static fromId(id: string, os?: ImageOs, osVersion?: string): JetstreamImage {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id ?? "")) {
      throw new JetstreamValidationError({
        prop: "image",
        value: id,
        problem: "an image id must be a UUID",
        allowed: "a Glance image UUID such as 2d56f33a-713c-488a-b65f-47b625d832cd",
        fix: "copy the ID column of `openstack image show <name>`, or use JetstreamImage.fromName",
      });
    }
    return new JetstreamImage(undefined, id, os ?? ImageOs.OTHER, osVersion);
  }

  /** The image name, when referenced by name. */
  public readonly name?: string;
  /** The image id, when referenced by id. */
  public readonly id?: string;
  /** The operating system. */
  public readonly os: ImageOs;
  /** The OS version, e.g. `24.04`, when known. */
  public readonly osVersion?: string;

  private constructor(name: string | undefined, id: string | undefined, os: ImageOs, osVersion?: string) {
    this.name = name;
    this.id = id;
    this.os = os;
    this.osVersion = osVersion;
  }

  /** The name or id, for messages. */
  public toString(): string {
    return this.name ?? this.id ?? "";
  }
}

const FEATURED = [
  JetstreamImage.FEATURED_UBUNTU24,
  JetstreamImage.FEATURED_UBUNTU22,
  JetstreamImage.FEATURED_MINIMAL_UBUNTU24,
  JetstreamImage.FEATURED_MINIMAL_UBUNTU22,
  JetstreamImage.FEATURED_ROCKY9,
  JetstreamImage.FEATURED_ROCKY10,
];
