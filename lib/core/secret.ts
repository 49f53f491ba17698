import { TerraformStack, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { JetstreamValidationError, requireInstance } from "./errors";

/**
 * A secret value (an OAuth client secret, say) that Terraform reads at plan time and that never appears as
 * text in the synthesized configuration.
 *
 * Make one from a sensitive `TerraformVariable`, or from an environment variable. There is no way to make one
 * from a plain string: a literal would be written into `cdk.tf.json` and into every copy of it.
 */
export class Secret {
  /**
   * A secret from a Terraform variable declared with `sensitive: true` and no default.
   */
  public static fromVariable(variable: TerraformVariable): Secret {
    requireInstance(variable, TerraformVariable, "variable", "a TerraformVariable declared with sensitive: true");
    const where = variable.node.path;
    if (variable.sensitive !== true) {
      throw new JetstreamValidationError(
        {
          prop: "secret",
          value: `TerraformVariable ${where} without sensitive: true`,
          problem: "a secret must come from a sensitive variable, or Terraform prints it in plans and outputs",
          allowed: "new TerraformVariable(scope, id, { type: 'string', sensitive: true })",
          fix: "add sensitive: true to the variable",
        },
        variable,
      );
    }
    if (variable.default !== undefined) {
      throw new JetstreamValidationError(
        {
          prop: "secret",
          value: `TerraformVariable ${where} with a default`,
          problem: "a default value is written into the synthesized configuration as plain text",
          allowed: "a sensitive variable without a default",
          fix: "remove the default and set the value at deploy time (TF_VAR_<name>, a .tfvars file kept out of git)",
        },
        variable,
      );
    }
    return new Secret(variable.stringValue, `variable ${where}`, undefined, variable);
  }

  /**
   * A secret that Terraform reads from the environment variable `TF_VAR_<name>` when it plans.
   *
   * Declares (once per stack) a sensitive string variable called `name`. Synthesis does not read the
   * environment; export `TF_VAR_<name>` in the shell that runs `cdktf deploy`.
   *
   * @param scope any construct in the stack that needs the secret
   * @param name the variable name: letters, digits and underscores, e.g. `github_client_secret`
   */
  public static fromEnvironment(scope: Construct, name: string): Secret {
    if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new JetstreamValidationError(
        {
          prop: "name",
          value: name,
          problem: "not usable as a Terraform variable name (and so as TF_VAR_<name>)",
          allowed: "letters, digits and underscores, not starting with a digit",
          fix: "use a name such as github_client_secret",
        },
        scope,
      );
    }
    const stack = TerraformStack.of(scope);
    const id = `Secret_${name}`;
    let variable = stack.node.tryFindChild(id) as TerraformVariable | undefined;
    if (!variable) {
      variable = new TerraformVariable(stack, id, {
        type: "string",
        sensitive: true,
        nullable: false,
        description: `Secret read from the environment variable TF_VAR_${name} at plan time.`,
      });
      variable.overrideLogicalId(name);
    }
    return new Secret(variable.stringValue, `environment variable TF_VAR_${name}`, name);
  }

  /**
   * Whether `x` is a Secret.
   */
  public static isSecret(x: any): boolean {
    return x instanceof Secret;
  }

  /** Where the value comes from, for messages and docs (never the value). */
  public readonly source: string;
  private readonly token: string;
  /** The variable name of a secret from `fromEnvironment`. */
  private readonly environmentName?: string;
  /** The variable of a secret from `fromVariable`. */
  private readonly variable?: TerraformVariable;

  private constructor(token: string, source: string, environmentName?: string, variable?: TerraformVariable) {
    if (!Token.isUnresolved(token)) {
      throw new Error("internal: a Secret must wrap a Terraform reference");
    }
    this.token = token;
    this.source = source;
    this.environmentName = environmentName;
    this.variable = variable;
  }

  /**
   * The same secret for use in `scope`'s stack. A secret from `fromEnvironment` is declared there too (both stacks
   * read `TF_VAR_<name>`), so its value never passes between stacks. A variable of another stack is refused: cdktf
   * would pass it through a cross-stack output, storing the value in that stack's state and reading it back through
   * plain remote state.
   *
   * @param scope a construct in the stack that uses the secret
   * @param prop the prop that holds the secret, for the message
   * @internal
   */
  public _inStackOf(scope: Construct, prop: string): Secret {
    if (this.environmentName !== undefined) return Secret.fromEnvironment(scope, this.environmentName);
    const target = TerraformStack.of(scope);
    if (this.variable !== undefined && TerraformStack.of(this.variable) !== target) {
      throw new JetstreamValidationError(
        {
          prop,
          value: this.source,
          problem:
            `declared in stack ${TerraformStack.of(this.variable).node.path}, but used in stack ${target.node.path}: ` +
            "the value would cross stacks through a cross-stack output and remote state, and be stored in both states",
          allowed: "a secret declared in the stack that uses it, or Secret.fromEnvironment (declared in each stack)",
          fix:
            `use Secret.fromEnvironment(scope, "<name>") and export TF_VAR_<name>, or declare the sensitive ` +
            `variable in stack ${target.node.path}`,
        },
        scope,
      );
    }
    return this;
  }

  /**
   * The Terraform reference to the value (`${var.name}`), for places where only the reference is written and
   * Terraform fills the value in at apply time: Helm `set_sensitive`, a sensitive local, or a VM's `user_data`
   * as SingleServerHub uses it (the provider keeps only a hash of user data in state, and the VM blocks the
   * metadata service for non-root users). Never in outputs, Helm `values` or other plain text.
   */
  public get value(): string {
    return this.token;
  }
}
