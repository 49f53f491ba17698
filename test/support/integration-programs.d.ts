/** Each program the integration tier runs, with the Debian package that has it. */
export declare const PROGRAMS: Readonly<Record<string, string>>;
/** PATH with the system folders where Debian keeps mkfs, sfdisk and blkid. */
export declare const SBIN_PATH: string;
/** The Python that runs cloud-init. */
export declare function cloudInitPython(): string;
/** The programs that are missing, each as [program, Debian package]. */
export declare function missingPrograms(): [string, string][];
