import { IConstruct } from "constructs";
import { isDnsLabel } from "../core/naming";
import { checkEmail, checkWholeMap, fail, isUnresolved } from "../core/validate";

/** How the hub gets its certificate. */
export enum HttpsKind {
  /** The chart's own Traefik gets one from Let's Encrypt (`proxy.https`). */
  LETS_ENCRYPT = "letsencrypt",
  /** An ingress controller in the cluster terminates TLS with a certificate secret (`ingress.tls`). */
  INGRESS = "ingress",
  /** The chart's own proxy terminates TLS with a certificate secret (`proxy.https.type: secret`). */
  SECRET = "secret",
}

/**
 * Options for `Https.secret`.
 */
export interface SecretHttpsOptions {
  /**
   * The Kubernetes TLS secret (in the hub's namespace, keys `tls.crt` and `tls.key`) the proxy serves
   * (`proxy.https.secret.name`).
   *
   * Tokens: accepted; written into the Helm values as a reference; JSH-HUB-01 reports it as undecided.
   */
  readonly tlsSecretName: string;
}

/**
 * Options for `Https.letsEncrypt`.
 */
export interface LetsEncryptOptions {
  /**
   * Where Let's Encrypt writes about expiring certificates (`proxy.https.letsencrypt.contactEmail`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   */
  readonly contactEmail: string;
}

/**
 * Options for `Https.ingress`.
 */
export interface IngressHttpsOptions {
  /**
   * The Kubernetes TLS secret (in the hub's namespace) that holds the certificate for the hub's host name, made
   * by cert-manager or by hand.
   *
   * Tokens: accepted; written into the Helm values as a reference.
   */
  readonly tlsSecretName: string;
  /**
   * The ingress class (`ingress.ingressClassName`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - the cluster's default ingress class
   */
  readonly ingressClassName?: string;
  /**
   * Annotations on the ingress, e.g. `{ "cert-manager.io/cluster-issuer": "letsencrypt" }`.
   *
   * Tokens: refused as a whole map, accepted per value; each key is checked, and each value written into the Helm
   * values as a reference.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** The checked HTTPS choice, for the values renderer. */
export interface ResolvedHttps {
  readonly kind: HttpsKind;
  readonly contactEmail?: string;
  readonly tlsSecretName?: string;
  readonly ingressClassName?: string;
  readonly annotations: { [key: string]: string };
}

/**
 * How the hub serves HTTPS. Required: every login the library offers is OAuth, and OAuth needs HTTPS.
 *
 * @see https://z2jh.jupyter.org/en/stable/administrator/security.html#https
 */
export class Https {
  /**
   * A Let's Encrypt certificate, fetched and renewed by the chart's own proxy (`proxy.https.type: letsencrypt`).
   * The proxy's load balancer takes the cluster's stable public address, when it has one, so the DNS name and the
   * certificate outlive redeploys. Port 80 must be open for the ACME challenge.
   */
  public static letsEncrypt(options: LetsEncryptOptions): Https {
    return new Https(HttpsKind.LETS_ENCRYPT, options);
  }

  /**
   * An ingress with a TLS certificate secret, for clusters that already run an ingress controller (and often
   * cert-manager). The chart's proxy then stays inside the cluster (`proxy.service.type: ClusterIP`).
   */
  public static ingress(options: IngressHttpsOptions): Https {
    return new Https(HttpsKind.INGRESS, options);
  }

  /**
   * The chart's proxy serves a certificate from a TLS secret you keep in the hub's namespace
   * (`proxy.https.type: secret`, `proxy.https.secret.name`): a campus certificate, or one cert-manager renews. The
   * proxy's load balancer takes the cluster's stable address, as with Let's Encrypt.
   */
  public static secret(options: SecretHttpsOptions): Https {
    return new Https(HttpsKind.SECRET, options);
  }

  /** Which kind of HTTPS this is. */
  public readonly kind: HttpsKind;

  private constructor(
    kind: HttpsKind,
    private readonly options: Partial<LetsEncryptOptions & IngressHttpsOptions>,
  ) {
    this.kind = kind;
  }

  /** @internal Checks the options for `scope`. */
  public _resolve(scope: IConstruct): ResolvedHttps {
    const o = this.options ?? {};
    if (this.kind === HttpsKind.LETS_ENCRYPT) {
      return {
        kind: this.kind,
        contactEmail: checkEmail(scope, "https.contactEmail", o.contactEmail!),
        annotations: {},
      };
    }
    const secret = o.tlsSecretName;
    if (
      !isUnresolved(secret) &&
      (typeof secret !== "string" || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(secret))
    ) {
      fail(scope, {
        prop: "https.tlsSecretName",
        value: secret,
        problem: "not a Kubernetes secret name",
        allowed: "lower-case letters, digits, '-' and '.', such as hub-tls",
        fix: "give the name of the TLS secret in the hub's namespace",
      });
    }
    if (o.ingressClassName !== undefined && !isUnresolved(o.ingressClassName) && !isDnsLabel(o.ingressClassName)) {
      fail(scope, {
        prop: "https.ingressClassName",
        value: o.ingressClassName,
        problem: "not an ingress class name",
        allowed: "a DNS label such as nginx",
        fix: "use the name `kubectl get ingressclass` shows",
      });
    }
    checkWholeMap(scope, "https.annotations", o.annotations);
    for (const [key, value] of Object.entries(o.annotations ?? {})) {
      if (typeof value !== "string") {
        fail(scope, {
          prop: `https.annotations.${key}`,
          value,
          problem: "annotation values must be strings",
          allowed: "a string, e.g. 'true' rather than true",
          fix: "quote the value",
        });
      }
    }
    return {
      kind: this.kind,
      tlsSecretName: secret,
      ingressClassName: o.ingressClassName,
      annotations: { ...(o.annotations ?? {}) },
    };
  }
}
