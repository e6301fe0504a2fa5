// Types of native-arch.mjs for the TypeScript side (tests).

export function binaryTarget(bytes: Uint8Array): { format: 'elf' | 'pe'; arch: string } | null;
export const FORMAT_OF_OS: Readonly<Record<string, string>>;
