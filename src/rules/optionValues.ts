/**
 * The values of the SUP options the rules branch on, each declared once: the option types
 * (SupOptions, ResolvedOptions), the library's validation (sup/resolveOptions.ts), the CLI's
 * (cli/args.ts), its help text and the "must be one of" messages all come from these lists.
 * Public through index.ts.
 */

/** ConfigMgr generation (SupOptions.generation, CLI --generation); the default is 'current'. */
export const GENERATIONS = ['2007', '2012', 'current'] as const;
/** One of GENERATIONS. */
export type Generation = (typeof GENERATIONS)[number];

/**
 * Which clients the SUP accepts (SupOptions.connections, CLI --connections); the default follows
 * from the names given. 'cmg': internet clients come through a cloud management gateway.
 */
export const CONNECTIONS = ['intranet', 'internet', 'both', 'cmg'] as const;
/** One of CONNECTIONS. */
export type Connections = (typeof CONNECTIONS)[number];

/** Who issued the certificate (SupOptions.issuerType, CLI --issuer-type), when known. */
export const ISSUER_TYPES = ['enterprise', 'public', 'self-signed'] as const;
/** One of ISSUER_TYPES. */
export type IssuerType = (typeof ISSUER_TYPES)[number];

/** The Windows Server release a PFX will be imported on (SupOptions.targetOs, CLI --target-os), oldest first. */
export const TARGET_OS = ['2012r2', '2016', '2019', '2022', '2025'] as const;
/** One of TARGET_OS. */
export type TargetOs = (typeof TARGET_OS)[number];

/** The default target: Windows Server 2016, the oldest supported host of a software update point. */
export const DEFAULT_TARGET_OS: TargetOs = '2016';
