// Types of native-electron.mjs for the TypeScript side (tests).

export const MODULE: string;
export const BINDING_FILE: string;
export const ROOT: string;

export interface InstalledElectron {
  version: string;
  binary: string;
}

export interface RebuildOptions {
  buildPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
  onlyModules: string[];
  force: boolean;
}

export function nativeDir(root: string, electronVersion: string, platform: string, arch: string): string;
export function installedElectron(root: string): InstalledElectron | null;
export function isUpToDate(root: string, electronVersion: string, platform: string, arch: string): boolean;
export function stageModule(root: string, stage: string): string;
export function rebuildForElectron(options: {
  root?: string;
  electronVersion: string;
  platform?: string;
  arch?: string;
  log?: (message: string) => void;
  rebuilder?: (options: RebuildOptions) => Promise<unknown>;
}): Promise<string>;
export function ensureForInstalledElectron(options?: {
  root?: string;
  force?: boolean;
  log?: (message: string) => void;
}): Promise<{ action: 'skipped-no-electron' } | { action: 'up-to-date' } | { action: 'rebuilt'; path: string }>;
