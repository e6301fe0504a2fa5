import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Services } from '../../../electron/app/services';
import { readBlob, verifyBlobs } from '../../../electron/documents/blobs';
import { ADMINS, firstLogin, setUpCore } from '../../helpers/setup';
import { refusal } from '../../helpers/refusal';
import { tempDir } from '../../helpers/tmp';
import { as, fields, staffUp } from '../../helpers/workflow';

// Stored files are re-hashed on every read, and the auditor can check them all.

let core: Services;
let cleanup: () => void;
afterEach(async () => {
  await core.close();
  cleanup();
});

describe('stored carrier files', () => {
  it('a damaged file is refused on read and reported by the auditor’s check', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    core = (await setUpCore(t.dir)).core;
    const wf = await staffUp(core, 'tongliao');
    await as(core, 'liu');
    const item = await wf.register(fields());
    const doc = await core.documents.attach(item.id, '通知.txt', Buffer.from('关于开展工作的通知', 'utf8').toString('base64'));
    const db = core.vault.db();
    expect((await readBlob(db, doc.sha256)).toString('utf8')).toBe('关于开展工作的通知');
    await sql`UPDATE blobs SET content = ${Buffer.from('关于开展工作的通告', 'utf8')} WHERE sha256 = ${doc.sha256}`.execute(db);
    expect((await refusal(readBlob(db, doc.sha256))).message).toMatch(/^存储的文件已损坏/);
    expect(await verifyBlobs(db)).toEqual({ checked: 1, bad: [{ sha256: doc.sha256, documents: ['通知.txt'] }] });
    await core.session.logout();
    await firstLogin(core, ADMINS.auditor);
    const report = await core.audit.verifyFiles(verifyBlobs);
    expect(report.bad).toHaveLength(1);
  });
});
