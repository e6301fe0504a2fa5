// The one table of allowed imports between the layers and domains of the app
// (architecture.md). A file in electron/, renderer/ or shared/ that no row places is
// an error, and so is an import the row of its unit does not list. Every unit may
// import itself and shared/. Packages are free except where the rule says otherwise
// ('electron' only in main and preload; Node built-ins never in renderer; only zod in
// shared). Extending the app means adding a row here, on purpose.

/** Units, most specific first: [unit name, path prefix]. */
export const UNITS = [
  ['shared', 'shared/'],
  ['renderer', 'renderer/src/'],
  ['renderer', 'renderer/host-shim.ts'],
  ['main', 'electron/main/'],
  ['preload', 'electron/preload/'],
  ['app', 'electron/app/'],
  ['ipc', 'electron/ipc/'],
  ['host', 'electron/host/'],
  ['cli', 'electron/cli/'],
  ['context', 'electron/context/'],
  ['vault', 'electron/vault/'],
  ['store', 'electron/store/'],
  ['keys', 'electron/keys/'],
  ['audit', 'electron/audit/'],
  ['auth', 'electron/auth/'],
  ['workflow', 'electron/workflow/'],
  ['calendar', 'electron/calendar/'],
  ['bases', 'electron/bases/'],
  ['catalogue', 'electron/catalogue/'],
  ['documents', 'electron/documents/'],
  ['scanner', 'electron/scanner/'],
  ['redaction', 'electron/redaction/'],
  ['forms', 'electron/forms/'],
  ['export', 'electron/export/'],
  ['publication', 'electron/publication/'],
  ['applications', 'electron/applications/'],
];

/** unit → the other units it may import. */
export const ALLOWED = {
  shared: [],
  renderer: [],
  preload: [],
  main: ['app', 'ipc', 'documents', 'cli'],
  ipc: [],
  keys: [],
  scanner: [],
  store: ['keys'],
  context: ['store', 'audit'],
  audit: ['keys', 'store', 'context'],
  vault: ['store', 'keys', 'audit', 'context'],
  auth: ['vault', 'store', 'keys', 'audit', 'context'],
  calendar: ['context'],
  bases: ['context', 'scanner'],
  catalogue: ['context'],
  documents: ['scanner', 'store', 'context'],
  workflow: ['calendar', 'context', 'audit', 'store'],
  redaction: ['documents', 'scanner', 'keys'],
  forms: ['keys', 'audit'],
  export: ['keys', 'audit', 'store', 'context'],
  publication: ['export', 'audit', 'context', 'store', 'keys'],
  applications: ['context', 'calendar', 'store'],
  app: ['vault', 'store', 'keys', 'audit', 'auth', 'context', 'workflow', 'calendar', 'bases', 'catalogue', 'documents', 'scanner', 'redaction', 'forms', 'export', 'publication', 'applications', 'ipc'],
  host: ['app', 'ipc', 'documents'],
  cli: ['app', 'vault', 'store', 'keys', 'audit', 'auth', 'context', 'workflow', 'documents', 'scanner', 'redaction', 'forms', 'export', 'publication', 'applications', 'calendar'],
};

/** A domain's services are composed by app/, never imported by another domain. */
export const SERVICE_FILE = /(^|\/)([a-z-]*-)?service(\.ts)?$/;
export const COMPOSERS = new Set(['app', 'cli']);

export function unitOf(rel) {
  for (const [unit, prefix] of UNITS) if (rel === prefix || rel.startsWith(prefix) || `${rel}/` === prefix) return unit;
  return null;
}

/** Paths the layering covers: a file here must be placed by UNITS. */
export const LAYERED = ['electron/', 'renderer/', 'shared/'];
/** Files under LAYERED that are build or tool configuration, not app code. */
export const UNLAYERED = ['renderer/vite.config.ts', 'renderer/index.html'];
