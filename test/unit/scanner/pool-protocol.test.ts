import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { encodeConfig, packedTransfer, packFindings, unpackFindings, type PackedFindings } from '../../../electron/scanner/pool-protocol';
import { defaultRules } from '../../../electron/scanner/rules';
import { createScanner, type Finding } from '../../../electron/scanner/scanner';
import { luhnCard, residentId } from '../../helpers/synthetic';

// What a pool thread sends back for a block: packed into a few arrays and unpacked on the
// calling thread into the very findings the thread found, key order included (the bench
// and the tests compare findings as JSON).

const finding = (over: Partial<Finding>): Finding => ({
  kind: 'NEGATIVE_LIST',
  text: '清单',
  start: 0,
  end: 2,
  location: '',
  confidence: 0.8,
  ground: 'OTHER',
  basisId: null,
  ...over,
});

describe('findings between threads', () => {
  it('unpack(pack(x)) is x, for odd texts, bases and places too', () => {
    const cases: Finding[][] = [
      [],
      [finding({})],
      [
        finding({ text: '', start: 5, end: 5 }),
        finding({ text: '\ud83d\ude00甲', basisId: 'b-1', start: 2 ** 40, end: 2 ** 40 + 3, confidence: 0.99 }),
        finding({ kind: 'ID_CARD', ground: 'PERSONAL_PRIVACY', text: residentId('110101', '19900307', '123'), location: '附件：第2页' }),
        finding({ basisId: 'b-1', location: '附件：第2页' }),
        finding({ basisId: 'PERSONAL_PRIVACY', text: '\u0000\n' }),
      ],
    ];
    for (const f of cases) expect(JSON.stringify(unpackFindings(packFindings(f)))).toBe(JSON.stringify(f));
  });

  it('carries a real block through a message port, its arrays moved', async () => {
    const text = `申请人：王小明，身份证号${residentId('320102', '19851231', '456')}，卡号${luhnCard('622202', 19)}\n绝密★启动前\n`;
    const findings = createScanner({ rules: defaultRules(), today: new Date('2026-11-26T00:00:00Z') }).scanBlock(text, text, 100)!;
    expect(findings.length).toBeGreaterThan(3);
    const packed = packFindings(findings);
    const { port1, port2 } = new MessageChannel();
    const got = new Promise<PackedFindings>((resolve) => port2.once('message', resolve));
    port1.postMessage(packed, packedTransfer(packed));
    // Moved: the sender's arrays are detached.
    expect(packed.nums.length).toBe(0);
    expect(unpackFindings(await got)).toEqual(findings);
    port1.close();
  });

  it('keys a config by its rules and list and by the day, not the instant', () => {
    const rules = defaultRules();
    const terms = [{ basisId: 'n-1', kind: 'negative' as const, term: '清单' }];
    const morning = encodeConfig({ rules, terms, today: Date.UTC(2026, 10, 26, 1) });
    expect(encodeConfig({ rules, terms, today: Date.UTC(2026, 10, 26, 23) }).key).toBe(morning.key);
    expect(encodeConfig({ rules, terms, today: Date.UTC(2026, 10, 27, 1) }).key).not.toBe(morning.key);
    expect(encodeConfig({ rules, terms: [{ ...terms[0]!, term: '清单甲' }], today: Date.UTC(2026, 10, 26, 1) }).key).not.toBe(morning.key);
  });
});
