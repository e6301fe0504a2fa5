import type { DocumentProgress } from '../../shared/documents';
import { AuditService } from '../audit/service';
import { Accounts } from '../auth/accounts';
import { PolicyService } from '../auth/policy-service';
import { Recovery } from '../auth/recovery';
import { SessionService } from '../auth/session';
import { BasesService } from '../bases/service';
import { compilePattern } from '../scanner/patterns';
import { CalendarService } from '../calendar/service';
import { CatalogueService } from '../catalogue/service';
import { createLocks, type Locks } from '../context/locks';
import type { SessionContext } from '../context/session';
import { inlineAnalyzer, type Analyzer } from '../documents/analyzer';
import { FindingDecisions } from '../documents/findings';
import { Documents } from '../documents/service';
import type { ScryptParams } from '../keys/crypto';
import { ItemChanges } from '../workflow/change';
import { ItemCommands } from '../workflow/commands';
import { ItemLetters } from '../workflow/letters';
import { ProfileStore } from '../workflow/profile-store';
import { nativeBindingPath } from '../store/database';
import { ItemQueries } from '../workflow/read-model';
import { ItemRecords } from '../workflow/records';
import { Applications } from '../applications/service';
import { AnnualReports } from '../applications/report';
import { reviewReasons } from '../applications/review-reasons';
import { BackupService } from './backup-service';
import { StoreMaintenance } from './maintenance';
import { Setup } from './setup';
import { createApplicationPrinting, createForms } from './forms-wiring';
import { readBlob } from '../documents/blobs';
import { extract } from '../documents/analyze';
import { PublicVersions, type Redactor } from '../publication/public-versions';
import { createRedactor } from '../redaction';
import { PublicationService } from '../publication/service';
import type { BundleProgress } from '../export/types';
import { signEd25519 } from '../keys/crypto';
import { Vault } from '../vault/vault';
import { KeyRotationService } from '../vault/rotation-service';

// The composition root: every service of the main process, each given the session
// context and the few other services it needs. Hosts (Electron, the browser host, the
// CLI) create this once per data folder.

export interface ServicesOptions {
  dataDir: string;
  /** Tests may pass cheaper scrypt parameters; the app always uses PASSWORD_KDF. */
  kdf?: ScryptParams;
  now?: () => Date;
  /** Where document analysis runs; the hosts pass a worker-thread analyzer. */
  analyzer?: Analyzer;
  onDocumentProgress?: (p: DocumentProgress) => void;
  /** The redaction engine behind public versions (tests may pass a stand-in). */
  redactor?: Redactor;
  onBundleProgress?: (p: BundleProgress) => void;
}

export function createServices(opts: ServicesOptions) {
  const now = opts.now ?? (() => new Date());
  const locks: Locks = createLocks();
  const vault = new Vault(opts);
  const session = new SessionService(vault, locks.vault, now);
  const maintenance = new StoreMaintenance(vault, locks.vault);
  const ctx: SessionContext = session.context();
  const profiles = new ProfileStore(ctx);
  // The calendar editor's preview counts the open items' deadlines the workflow's way.
  const calendar = new CalendarService(ctx, { under: (cal) => profiles.runningDeadlines(cal) });
  // Patterns run on RE2 semantics (linear time); those RE2 cannot run are refused when saved.
  const bases = new BasesService(ctx, compilePattern);
  const catalogue = new CatalogueService(ctx);
  const queries = new ItemQueries(ctx, profiles, calendar, bases, catalogue);
  // The redaction engine is built in; tests may inject a stand-in.
  const redactor = opts.redactor ?? createRedactor();
  const publicVersions = new PublicVersions(ctx, redactor, readBlob, (itemId) => queries.access(ctx.db(), itemId), async (bytes, name) =>
    (await extract(bytes, name)).extraction.segments.map((seg) => `【${seg.location}】\n${seg.text}`).join('\n'),
  );
  const changes = new ItemChanges({ ctx, profiles, calendar, catalogue, queries, locks: locks.items, publicVersions });
  const documents = new Documents(ctx, opts.analyzer ?? inlineAnalyzer, (p) => opts.onDocumentProgress?.(p), () => bases.terms(), (itemId) => queries.access(ctx.db(), itemId));
  const publication = new PublicationService(
    ctx,
    locks.vault,
    publicVersions,
    () => {
      const org = vault.org();
      return { name: org.name, shortName: org.shortName, signer: { publicKey: org.publicKey, sign: (bytes: Uint8Array) => signEd25519(org.privateKey, Buffer.from(bytes)) } };
    },
    opts.onBundleProgress,
  );
  // An application's review item is registered through the workflow; its reply reads the item's decision and public versions.
  const applications = new Applications(ctx, calendar, {
    register: (fields) => new ItemCommands(changes).register(fields),
    review: async (itemId) => {
      const item = await queries.get(itemId);
      const state = (await ctx.db().selectFrom('items').select('state').where('id', '=', itemId).executeTakeFirstOrThrow()).state;
      const versions = await publicVersions.list(itemId);
      return {
        status: item.status,
        outcome: (JSON.parse(state) as { proposal?: { outcome?: string } }).proposal?.outcome ?? null,
        ...reviewReasons(item),
        publicVersions: versions.map((v) => ({ id: v.id, name: v.name, sha256: v.sha256, verified: v.status === 'confirmed' && v.proof.ok })),
      };
    },
  });
  const reports = new AnnualReports(ctx);
  // Document text cached for paging goes with the session that read it.
  session.onChange((s) => {
    if (!s.user || s.locked) documents.dropCaches();
  });

  return {
    dataDir: vault.dataDir,
    startupProblems: () => vault.preflight(),
    get needsSetup() {
      return vault.needsSetup;
    },
    vault,
    locks,
    setup: new Setup(vault, locks.vault, now),
    session,
    recovery: new Recovery(vault, locks.vault, now, () => session.currentUserId() !== null),
    accounts: new Accounts(vault, ctx, locks.vault),
    policy: new PolicyService(ctx, () => vault.slots(), (m) => session.setIdleMinutes(m)),
    audit: new AuditService(ctx, () => vault.org().fingerprint, (bytes) => session.signBytes(bytes), () => ({ dataKey: vault.dataKey(), file: vault.dbPath, nativeBinding: nativeBindingPath() })),
    backup: new BackupService(vault, ctx, locks.vault),
    keys: new KeyRotationService(vault, ctx, locks.vault, (password) => session.confirmPassword(password)),
    calendar,
    bases,
    catalogue,
    profiles,
    items: new ItemCommands(changes),
    letters: new ItemLetters(changes),
    records: new ItemRecords(changes),
    queries,
    documents,
    publicVersions,
    publication,
    forms: createForms(ctx, vault, queries),
    applications,
    reports,
    applicationPrinting: createApplicationPrinting(ctx, vault, applications, reports),
    findings: new FindingDecisions(ctx, (itemId) => queries.findingsRefusal(itemId)),
    maintenance,
    async close(): Promise<void> {
      await maintenance.stop();
      if (session.currentUserId()) await session.logout();
      await vault.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
