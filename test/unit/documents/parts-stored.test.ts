import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services as Core } from '../../../electron/app/services';
import { inlineAnalyzer } from '../../../electron/documents/analyzer';
import { fakeClock, setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { as, fields, staffUp, type Workflow } from '../../helpers/workflow';
import { docxWithMarkers } from './coverage/docx-build';

// The parts list is stored with the file's analysis and comes back with the document.

let cleanup: () => void;
let core: Core;
let wf: Workflow;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = (await setUpCore(t.dir, fakeClock(new Date('2026-11-23T09:00:00+08:00')), { analyzer: inlineAnalyzer })).core;
  wf = await staffUp(core, 'tongliao');
  await as(core, 'liu');
});
afterEach(async () => {
  await core.close();
  cleanup();
});

describe('stored parts', () => {
  it('documents.get returns every part with 已读取 / 未读取 and the reason', async () => {
    const item = await wf.register(fields());
    const doc = await core.documents.attach(item.id, '覆盖.docx', Buffer.from(docxWithMarkers()).toString('base64'));
    const detail = await core.documents.get(doc.id);
    expect(detail.parts.find((p) => p.name === 'word/document.xml')).toEqual({ name: 'word/document.xml', what: 'XML 部分', read: true, reason: null });
    expect(detail.parts.find((p) => p.name === 'word/vbaProject.bin')).toMatchObject({ read: false, reason: expect.stringMatching(/宏代码/) });
    const page = await core.documents.text(doc.id, 0, 20_000);
    expect(page.segments.find((s) => s.location.startsWith('替代文字'))?.place).toBe('altText');
  });
});
