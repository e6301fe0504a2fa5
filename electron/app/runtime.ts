import { contract, events } from '../../shared/contract';
import { defaultMasks, templatesFor } from '../redaction';
import type { AppInfo } from '../../shared/types';
import { createDispatcher, type Dispatcher, type Handlers } from '../ipc/dispatcher';
import { verifyBlobs } from '../documents/blobs';
import { createServices, type Services, type ServicesOptions } from './services';
import { createAuditPrinting, REGISTER_SUBJECT, registerPage } from './forms-wiring';
import { removableDestinations } from '../publication/destinations';
import type { PrintedForm } from '../forms/service';
import type { PrintedFormView } from '../../shared/ops/forms';
import { itemPage, itemStats } from '../workflow/list-pages';
import { itemSearch } from '../workflow/search-page';
import { userPage } from '../auth/users';

/** The main process names Electron's build of the SQLite module before opening anything. */
export { useNativeBinding } from '../store/database';

// Binds the contract to the services. Both hosts (Electron's ipcMain and the browser
// host's HTTP endpoint) take this runtime and only add their own transport. There is no
// queue around calls: services lock what conflicts (context/locks.ts), so a long file
// analysis never holds up another call.

export interface RuntimeOptions extends Omit<ServicesOptions, 'onDocumentProgress'> {
  host: AppInfo['host'];
  version: string;
  onInternalError?: (channel: string, err: unknown) => void;
}

export interface Runtime {
  services: Services;
  dispatcher: Dispatcher;
  /** Main → renderer events, by channel. */
  subscribe(listener: (channel: string, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

function printed(f: PrintedForm): PrintedFormView {
  return { pdf: Buffer.from(f.pdf).toString('base64'), sha256: f.sha256, contentSha256: f.contentSha256, pages: f.pages, checkpoint: f.checkpoint };
}

function handlers(s: Services, opts: RuntimeOptions): Handlers<typeof contract> {
  return {
    app: {
      info: () => ({ productName: '密审台', version: opts.version, dataDir: s.dataDir, host: opts.host, needsSetup: s.needsSetup, startupProblems: s.startupProblems() }),
    },
    setup: { run: (i) => s.setup.run(i) },
    auth: {
      session: () => s.session.info(),
      login: (i) => s.session.login(i.username, i.password),
      logout: () => s.session.logout(),
      changePassword: (i) => s.session.changePassword(i.oldPassword, i.newPassword),
      unlock: (i) => s.session.unlock(i.password),
      recover: (i) => s.recovery.recover(i.recoveryCode, i.username, i.newPassword),
      touch: () => (s.session.touch(), null),
      lock: () => s.session.lockNow(),
    },
    users: {
      list: () => s.accounts.list(),
      create: (i) => s.accounts.create(i),
      update: (i) => s.accounts.update(i),
      setDisabled: (i) => s.accounts.setDisabled(i.id, i.disabled),
      resetPassword: (i) => s.accounts.resetPassword(i.id, i.initialPassword),
      unlockAccount: (i) => s.accounts.unlock(i.id),
      page: (i) => userPage(s.session.context().db(), i, s.vault.slots(), s.session.context().now()),
    },
    policy: { get: () => s.policy.get(), update: (i) => s.policy.update(i) },
    audit: {
      page: (i) => s.audit.page(i),
      progress: () => s.audit.progress(),
      checkpointList: () => s.audit.checkpointList(),
      signedExtract: (i) => s.audit.signedExtract(i),
      printExtract: async (i) => printed(await createAuditPrinting(s.session.context(), s.vault, s.audit).extract(i)),
      printCheckpoint: async (i) => printed(await createAuditPrinting(s.session.context(), s.vault, s.audit).checkpoint(i.entrySeq)),
      list: (i) => s.audit.list(i),
      checkpoints: () => s.audit.checkpoints(),
      extract: (i) => s.audit.extract(i.fromSeq, i.toSeq),
      verify: (i) => s.audit.verify(i.checkpoint),
      countersign: () => s.audit.countersign(),
      verifyFiles: () => s.audit.verifyFiles(verifyBlobs),
    },
    backup: { create: (i) => s.backup.create(i.parentDir) },
    keys: { status: () => s.keys.status(), rotate: (i) => s.keys.rotate(i.password) },
    profiles: {
      list: () => s.profiles.list(),
      activate: (i) => s.profiles.activate(i.id, i.version),
      save: (i) => s.profiles.save(i.definition),
      delete: (i) => s.profiles.delete(i.id, i.version),
    },
    items: {
      register: (i) => s.items.register(i),
      list: (i) => s.queries.list(i.view),
      page: (i) => itemPage(s.queries, i),
      search: (i) => itemSearch(s.queries, i),
      stats: () => itemStats(s.queries),
      get: (i) => s.queries.get(i.itemId),
      submitOpinion: (i) => s.items.opinion(i),
      object: (i) => s.items.object(i.itemId, i.text),
      escalate: (i) => s.letters.escalate(i),
      escalationReply: (i) => s.letters.escalationReply(i),
      consult: (i) => s.letters.consult(i),
      consultationSent: (i) => s.letters.consultationSent(i),
      consultationReply: (i) => s.letters.consultationReply(i),
      coordinate: (i) => s.letters.coordinate(i),
      reclassify: (i) => s.items.reclassify(i),
      override: (i) => s.letters.override(i),
      declassify: (i) => s.records.declassify(i),
      specialApproval: (i) => s.records.specialApproval(i),
      reopen: (i) => s.items.reopen(i.itemId, i.reason),
      recall: (i) => s.items.recall(i),
    },
    documents: {
      attach: (i) => s.documents.attach(i.itemId, i.name, i.content),
      list: (i) => s.documents.list(i.itemId),
      get: (i) => s.documents.get(i.documentId),
      text: (i) => s.documents.text(i.documentId, i.offset, i.length),
      original: (i) => s.documents.original(i.documentId),
    },
    findings: {
      decide: (i) => s.findings.decide(i.findingId, i.decision, i.reason),
      decideMany: (i) => s.findings.decideMany(i.findingIds, i.decision, i.reason),
      mark: (i) => s.findings.mark(i.documentId, i.start, i.end, i.kind, i.reason),
    },
    catalogue: { list: () => s.catalogue.list(), page: (i) => s.catalogue.page(i) },
    bases: { list: () => s.bases.list(), save: (i) => s.bases.save(i) },
    publicVersions: {
      produce: (i) => s.publicVersions.produce(i.documentId, i.masks, i.areas, i.findingMasks, i.hiddenRowsAndColumns),
      file: (i) => s.publicVersions.file(i.id),
      list: (i) => s.publicVersions.list(i.itemId),
      text: (i) => s.publicVersions.text(i.id),
      masks: async () => Object.keys(defaultMasks().kinds).map((kind) => ({ kind, templates: templatesFor(kind) })),
    },
    publication: {
      destinations: async () => removableDestinations(),
      queue: () => s.publication.queue(),
      export: (i) => s.publication.export(i.parentDir),
      register: () => s.publication.register(),
      registerPage: (i) => s.publication.registerPage(i),
      registerFile: (i) => s.publication.registerFile(i.format),
      recordPublished: (i) => s.publication.recordPublished(i.itemId, i.publishedOn, i.url),
    },
    forms: {
      print: async (i) => printed(await s.forms.print(i.kind, i.itemId, { ref: i.ref, date: i.date, contact: i.contact || undefined })),
      printSheet: async (i) => printed(await s.forms.printSheet(i.itemIds, i.date)),
      printRegister: async () => printed(await s.forms.printData('register', await registerPage(s), [REGISTER_SUBJECT])),
    },
    applications: {
      register: (i) => s.applications.register(i),
      list: (i) => s.applications.list(i.year),
      page: (i) => s.applications.page(i),
      get: (i) => s.applications.get(i.applicationId),
      split: (i) => s.applications.split(i.applicationId, i.requests, i.keep),
      requestCorrection: (i) => s.applications.requestCorrection(i.applicationId, i.requestedOn, i.text),
      correctionReceived: (i) => s.applications.correctionReceived(i.applicationId, i.receivedOn, i.request),
      extend: (i) => s.applications.extend(i),
      thirdPartyLetter: (i) => s.applications.thirdPartyLetter(i.applicationId, i.party, i.letterOn, i.kind, i.concern),
      reply: (i) => s.applications.reply(i),
      print: async (i) => printed(await s.applicationPrinting.notice(i.applicationId, i.notice, i.date)),
      annualReportPrint: async (i) => printed(await s.applicationPrinting.report(i.year)),
      annualReport: (i) => s.reports.report(i.year),
      setReviewCounts: (i) => s.reports.setReviewCounts(i.year, i),
      annualReportXlsx: (i) => s.reports.xlsx(i.year),
    },
    calendar: {
      status: () => s.calendar.status(),
      year: (i) => s.calendar.year(i.year),
      preview: (i) => s.calendar.preview(i.text),
      import: (i) => s.calendar.import(i.text),
    },
  };
}

export function createRuntime(opts: RuntimeOptions): Runtime {
  const listeners = new Set<(channel: string, payload: unknown) => void>();
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners) l(channel, payload);
  };
  const services = createServices({
    ...opts,
    onDocumentProgress: (p) => emit(events.documentProgress.channel, p),
    onBundleProgress: (p) => emit(events.bundleProgress.channel, p),
  });
  services.session.onChange((info) => emit(events.session.channel, info));
  const dispatcher = createDispatcher({
    contract,
    handlers: handlers(services, opts),
    auth: () => services.session.authView(),
    onAuthorized: (def) => {
      if (def.access.kind === 'user') services.session.touch();
    },
    onInternalError: opts.onInternalError,
  });
  return {
    services,
    dispatcher,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => services.close(),
  };
}
