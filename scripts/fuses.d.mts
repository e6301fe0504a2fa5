// Types of fuses.mjs for the TypeScript side (tests).

/** FuseV1Options index → wanted state, plus @electron/fuses' version and strictness. */
export const FUSES: Readonly<{ version: string; strictlyRequireAllFuses: boolean } & Record<number, boolean>>;
/** Names of the fuses in a read-back wire (index → FuseState byte) that differ from the config. */
export function fuseMismatches(wire: Record<number, number>, config?: typeof FUSES): string[];
