import { contract, events } from '../../shared/contract';
import type { AppInfo } from '../../shared/types';
import { createDispatcher, type Dispatcher, type Handlers } from '../ipc/dispatcher';
import { inlineAnalyzer, type Analyzer } from '../documents/analyzer';
import { Documents } from '../documents/service';
import { Workflow } from '../workflow/service';
import { Core, type CoreOptions } from './core';

// Binds the contract to the core. Both hosts (Electron's ipcMain and the browser
// host's HTTP endpoint) take this runtime and only add their own transport.

export interface RuntimeOptions extends CoreOptions {
  host: AppInfo['host'];
  version: string;
  /** Where document analysis runs; the hosts pass a worker-thread analyzer. */
  analyzer?: Analyzer;
  onInternalError?: (channel: string, err: unknown) => void;
}

export interface Runtime {
  core: Core;
  dispatcher: Dispatcher;
  /** Main → renderer events, by channel. */
  subscribe(listener: (channel: string, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

export function createRuntime(opts: RuntimeOptions): Runtime {
  const core = new Core(opts);
  const wf = new Workflow(core.workflowContext());
  const listeners = new Set<(channel: string, payload: unknown) => void>();
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners) l(channel, payload);
  };
  core.onSessionChange((info) => emit(events.session.channel, info));
  const docs = new Documents(core.workflowContext(), opts.analyzer ?? inlineAnalyzer, (p) => emit(events.documentProgress.channel, p));
  const handlers: Handlers<typeof contract> = {
    app: {
      info: () => ({
        productName: '密审台',
        version: opts.version,
        dataDir: core.dataDir,
        host: opts.host,
        needsSetup: core.needsSetup,
      }),
    },
    setup: { run: (i) => core.setup(i) },
    auth: {
      session: () => core.sessionInfo(),
      login: (i) => core.login(i.username, i.password),
      logout: () => core.logout(),
      changePassword: (i) => core.changePassword(i.oldPassword, i.newPassword),
      unlock: (i) => core.unlock(i.password),
      recover: (i) => core.recover(i.recoveryCode, i.username, i.newPassword),
      touch: () => {
        core.touch();
        return null;
      },
    },
    users: {
      list: () => core.listUsers(),
      create: (i) => core.createUser(i),
      update: (i) => core.updateUser(i),
      setDisabled: (i) => core.setDisabled(i.id, i.disabled),
      resetPassword: (i) => core.resetPassword(i.id, i.initialPassword),
      unlockAccount: (i) => core.unlockAccount(i.id),
    },
    policy: {
      get: () => core.getPolicy(),
      update: (i) => core.updatePolicy(i),
    },
    audit: {
      list: (i) => core.listAudit(i.offset, i.limit),
      verify: (i) => core.verifyAudit(i.checkpoint),
      countersign: () => core.countersign(),
    },
    profiles: {
      list: () => wf.listProfiles(),
      activate: (i) => wf.activateProfile(i.id, i.version),
      save: (i) => wf.saveProfile(i.definition),
    },
    items: {
      register: (i) => wf.register(i),
      list: (i) => wf.list(i.view),
      get: (i) => wf.get(i.itemId),
      submitOpinion: (i) => wf.opinion(i),
      object: (i) => wf.object(i.itemId, i.text),
      escalate: (i) => wf.escalate(i),
      escalationReply: (i) => wf.escalationReply(i),
      consult: (i) => wf.consult(i),
      consultationReply: (i) => wf.consultationReply(i),
      override: (i) => wf.override(i),
      declassify: (i) => wf.declassify(i),
      specialApproval: (i) => wf.specialApproval(i),
      reopen: (i) => wf.reopen(i.itemId, i.reason),
      recall: (i) => wf.recall(i),
    },
    documents: {
      attach: (i) => docs.attach(i.itemId, i.name, i.content),
      list: (i) => docs.list(i.itemId),
      get: (i) => docs.get(i.documentId),
      text: (i) => docs.text(i.documentId, i.offset, i.length),
    },
    findings: {
      decide: (i) => docs.decide(i.findingId, i.decision, i.reason),
      mark: (i) => docs.mark(i.documentId, i.start, i.end, i.kind, i.reason),
    },
    catalogue: { list: () => wf.listCatalogue() },
    bases: {
      list: () => wf.listBases(),
      save: (i) => wf.saveBasis(i),
    },
    calendar: {
      status: () => wf.calendarStatus(),
      preview: (i) => wf.previewCalendar(i.text),
      import: (i) => wf.importCalendar(i.text),
    },
  };

  // Calls run one at a time: several steps (keyslot file, database) belong together
  // and must not interleave with another call's.
  let queue: Promise<unknown> = Promise.resolve();
  const inner = createDispatcher({
    contract,
    handlers,
    auth: () => core.authView(),
    onAuthorized: (def) => {
      if (def.access.kind === 'user') core.touch();
    },
    onInternalError: opts.onInternalError,
  });
  const dispatcher: Dispatcher = {
    channels: inner.channels,
    dispatch(channel, input, caller) {
      const run = queue.then(() => inner.dispatch(channel, input, caller));
      queue = run.catch(() => undefined);
      return run;
    },
  };

  return {
    core,
    dispatcher,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => core.close(),
  };
}
