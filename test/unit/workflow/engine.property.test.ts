import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUSINESS_ROLES, type Role } from '../../../shared/roles';
import { GROUNDS } from '../../../shared/workflow';
import { activeSteps, initialState, resumeAfterEscalation, submitOpinion, type ReviewState } from '../../../electron/workflow/engine';
import { shippedProfiles } from '../../../electron/workflow/profiles';

// Random people with random roles send random opinions (valid or not) at random steps.
// Whatever they do, publication needs every step the profile requires, each signed by
// a different person, and nobody ever signs two steps of one item.

const profiles = shippedProfiles();
const people = fc.array(fc.subarray([...BUSINESS_ROLES] as Role[], { minLength: 1, maxLength: 3 }), { minLength: 4, maxLength: 8 });
const sometimes = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);
const call = fc.record({
  who: fc.nat(),
  opinion: fc.nat(),
  wrongStep: sometimes,
  grounds: fc.oneof(fc.constant([]), fc.subarray([...GROUNDS], { minLength: 1, maxLength: 2 })),
  bases: fc.oneof(fc.constant([]), fc.constant(['b1'])),
  reason: fc.constantFrom('', '理由', '理由'),
  defer: fc.option(fc.constant('2027-01-04')),
  resume: fc.boolean(),
});

describe('engine properties', () => {
  it('never publishes without every required signature and keeps separation of duties', () => {
    let published = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...profiles),
        people,
        fc.boolean(),
        fc.boolean(),
        fc.array(call, { maxLength: 80 }),
        sometimes.map((b) => (b ? ['第三方不同意公开'] : [])),
        (profile, roleSets, sensitive, marked, calls, blockers) => {
          roleSets[0] = [...new Set<Role>(['handler', ...roleSets[0]!])]; // the registrant is a handler
          let s: ReviewState = initialState(profile, { registeredBy: 'u0', sensitive, marked });
          for (const c of calls) {
            if (s.status === 'escalated' && c.resume) s = resumeAfterEscalation(s);
            const i = c.who % roleSets.length;
            const actor = { userId: `u${i}`, roles: roleSets[i]! };
            const step = profile.steps.find((x) => x.id === s.stepId)!;
            const target = c.wrongStep ? profile.steps[c.opinion % profile.steps.length]! : step;
            const opinion = target.opinions[c.opinion % target.opinions.length]!;
            const t = submitOpinion(profile, s, actor, {
              stepId: target.id,
              opinionId: opinion.id,
              grounds: c.grounds,
              bases: c.bases,
              reason: c.reason,
              deferUntil: c.defer,
            }, blockers);
            if (!t.ok) continue;
            // The signer held the step's role and had signed no other step.
            expect(actor.roles).toContain(t.step.role);
            s = t.state;
            const owners = new Map<string, string>();
            for (const [stepId, users] of Object.entries(s.signedBy))
              for (const u of users) {
                expect(owners.get(u) ?? stepId).toBe(stepId);
                owners.set(u, stepId);
              }
          }
          if (s.status === 'approved' || s.status === 'awaitingDeclassification') {
            published += 1;
            expect(blockers).toEqual([]);
            const required = activeSteps(profile, s).map((x) => x.id);
            expect(s.path.map((p) => p.stepId)).toEqual(required);
            expect(new Set(s.path.map((p) => p.userId)).size).toBe(required.length);
            expect(s.path[0]!.userId).toBe('u0');
            expect(['PUBLISH', 'PUBLISH_PART']).toContain(s.proposal!.outcome);
            expect(s.status === 'awaitingDeclassification').toBe(marked);
          }
        },
      ),
      { numRuns: 3000 },
    );
    // The property is only worth something if random runs do reach publication.
    expect(published).toBeGreaterThan(30);
  });

  it('reaches publication in every profile when the right people act', () => {
    for (const profile of profiles)
      for (const sensitive of [false, true]) {
        let s = initialState(profile, { registeredBy: 'p0', sensitive, marked: false });
        activeSteps(profile, { sensitive, marked: false, proposal: null }).forEach((step, i) => {
          const opinion = step.opinions.find((o) => o.effect === 'submit' || o.effect === 'approve' || o.outcome === 'PUBLISH')!;
          const cites = opinion.needsBasis ? { bases: ['b'], reason: '依据和理由' } : { bases: [], reason: '' };
          const t = submitOpinion(profile, s, { userId: `p${i}`, roles: [step.role] }, { stepId: step.id, opinionId: opinion.id, grounds: [], ...cites });
          if (!t.ok) throw new Error(`${profile.id}/${step.id}: ${t.message}`);
          s = t.state;
        });
        expect(s.status, profile.id).toBe('approved');
      }
  });
});
